package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.ms;
import static io.perpspot.dashboard.state.JsonFigures.orNull;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's own figures as read so far: records by type on both queues, the last index read
 * of each, the span of event time, the tailer's last read, and the engine runs with the strategy
 * text of the last one; Spread and tradable Opportunity records by venue pair.
 */
final class JournalFigures {
    /** Output types counted by number; the journal has fewer (an unknown one is read, not counted). */
    private static final int OUTPUT_TYPES = 8;

    private final long[] inputByType = new long[EventType.MAX + 1];
    private final long[] outputByType = new long[OUTPUT_TYPES];
    private final long[] spreadsByPair = new long[VenuePair.COUNT];
    private final long[] opportunitiesByPair = new long[VenuePair.COUNT];
    private long lastInputIndex = -1;
    private long lastOutputIndex = -1;
    private long firstEventNanos;
    private long lastEventNanos;
    private long lastAdvanceWallMs;
    private long engineStarts;
    private String strategyText = "";

    void onInput(MarketEvent e) {
        if (e.type > 0 && e.type <= EventType.MAX) {
            inputByType[e.type]++;
        }
        lastInputIndex = e.journalIndex;
        if (e.recvNanos > 0) {
            if (firstEventNanos == 0) {
                firstEventNanos = e.recvNanos;
            }
            lastEventNanos = Math.max(lastEventNanos, e.recvNanos);
        }
        if (e.type == EventType.ENGINE_START) {
            engineStarts++;
            strategyText = e.textString();
        }
    }

    /** The newest event time read, epoch nanoseconds (0 before one). */
    long lastEventNanos() {
        return lastEventNanos;
    }

    /** The text of the last EngineStart ("" before one). */
    String strategy() {
        return strategyText;
    }

    void onOutput(OutputRecord r, long index) {
        int type = r.type;
        if (type > 0 && type < outputByType.length) {
            outputByType[type]++;
        }
        if (VenuePair.valid(r.pair) && type == OutputType.SPREAD) {
            spreadsByPair[r.pair]++;
        } else if (VenuePair.valid(r.pair) && type == OutputType.OPPORTUNITY && r.rejectReason == 0) {
            opportunitiesByPair[r.pair]++;
        }
        lastOutputIndex = index;
    }

    private static Map<String, Long> byPair(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int p = 0; p < counts.length; p++) {
            m.put(VenuePair.name(p), counts[p]);
        }
        return m;
    }

    /** The tailer read something at this wall-clock time. */
    void advanced(long wallMs) {
        lastAdvanceWallMs = wallMs;
    }

    Clocks clocks() {
        return new Clocks(lastEventNanos / 1_000_000, lastAdvanceWallMs, lastInputIndex, lastOutputIndex);
    }

    /** These figures with what the other folds count: tokens, opportunities listed and refused. */
    JournalSummary summary(int tokens, long opportunities, Map<String, Long> refused, boolean caughtUp) {
        Map<String, Long> in = new LinkedHashMap<>();
        long inTotal = 0;
        for (int t = 1; t <= EventType.MAX; t++) {
            if (inputByType[t] == 0 && EventType.name(t).startsWith("unknown")) {
                continue; // a reserved number
            }
            in.put(EventType.name(t), inputByType[t]);
            inTotal += inputByType[t];
        }
        Map<String, Long> out = new LinkedHashMap<>();
        long outTotal = 0;
        for (int t = 1; t < outputByType.length; t++) {
            // The types up to Opportunity always show (a 0 says something); later ones once they occur.
            if (outputByType[t] > 0 || t <= OutputType.OPPORTUNITY) {
                out.put(OutputType.name(t), outputByType[t]);
                outTotal += outputByType[t];
            }
        }
        return new JournalSummary(inTotal, in, outTotal, out, lastInputIndex, lastOutputIndex, ms(firstEventNanos),
                ms(lastEventNanos), orNull(lastAdvanceWallMs), engineStarts, tokens, opportunities, refused, caughtUp,
                strategyText, byPair(spreadsByPair), byPair(opportunitiesByPair));
    }
}
