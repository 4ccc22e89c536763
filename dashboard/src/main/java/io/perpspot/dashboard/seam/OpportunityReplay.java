package io.perpspot.dashboard.seam;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The market state at an opportunity the dashboard no longer holds in memory: reads the opportunity's output
 * record, then folds the journal's input through the engine's {@link Strategy} up to exactly the input record
 * it was derived from, and copies the token's state there, as the dashboard's own fold would have. Reads the
 * journal only; one pass over the input up to that record.
 */
public final class OpportunityReplay {
    private OpportunityReplay() {
    }

    /** What a replay found: the state, or why there is none. */
    public record Result(Outcome outcome, String reason, State state) {
    }

    /** The outcome of a replay. */
    public enum Outcome {
        /** The state at the opportunity. */
        FOUND,
        /** No opportunity with that sequence in the journal. */
        UNKNOWN,
        /** The journal no longer holds the record or its input (the reason says which). */
        GONE,
        /**
         * An opportunity on a venue pair other than perp-jupiter: the execution model prices the perp and Jupiter
         * legs only, so there is no state to plan on.
         */
        UNPRICED
    }

    /**
     * The state at an opportunity, replayed.
     *
     * @param timeMs the opportunity's event time
     */
    public record State(long seq, long inputIndex, String symbol, Direction direction, long timeMs, double netBps,
                        double z, MarketSnapshot snapshot) {
    }

    /** Why opportunity {@code seq} on {@code pair} has no state to plan on (one line). */
    public static String unpriced(long seq, int pair) {
        return "opportunity " + seq + " is on " + VenuePair.name(pair) + ": the execution model prices the perp and"
                + " Jupiter legs only (perp-jupiter)";
    }

    /** Replays {@code journal} to opportunity {@code seq}. */
    public static Result at(Path journal, long seq) {
        try (JournalReader reader = JournalReader.open(journal)) {
            OutputRecord r = new OutputRecord();
            try (ExcerptTailer t = reader.outputTailer()) {
                long first = t.index();
                if (!t.moveToIndex(seq)) {
                    // An index of a cycle before the queue's first: its file was removed.
                    boolean removed = seq < first && reader.journal().output().rollCycle().toCycle(seq) > 0;
                    return removed ? new Result(Outcome.GONE, "the journal's output no longer holds record " + seq
                            + " (its first is " + first + ")", null)
                            : new Result(Outcome.UNKNOWN, "no opportunity with seq " + seq, null);
                }
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return new Result(Outcome.UNKNOWN, "no opportunity with seq " + seq, null);
                    }
                    OutputCodec.read(dc.wire().bytes(), dc.index(), r);
                }
            }
            if (r.type != OutputType.OPPORTUNITY || r.rejectReason != 0) {
                return new Result(Outcome.UNKNOWN, "output record " + seq + " is not an opportunity", null);
            }
            if (r.pair != VenuePair.PERP_JUPITER) {
                return new Result(Outcome.UNPRICED, unpriced(seq, r.pair), null);
            }
            Direction d = r.direction == OutputRecord.LONG_PERP_SHORT_SPOT ? Direction.LONG_PERP_SHORT_SPOT
                    : Direction.SHORT_PERP_LONG_SPOT;
            Strategy strategy = new Strategy(x -> {
            });
            int[] ids = {-1}; // SOL's id in the current run
            String[] symbol = {null};
            boolean[] reached = {false};
            reader.forEachInput(e -> {
                if (e.journalIndex > r.inputIndex) {
                    return false;
                }
                strategy.onEvent(e);
                if (e.type == EventType.ENGINE_START) {
                    ids[0] = -1;
                } else if (e.type == EventType.TOKEN_DEF) {
                    Token k = reader.token(e.tokenId);
                    if (k != null && k.symbol().equals("SOL")) {
                        ids[0] = e.tokenId;
                    }
                }
                if (e.journalIndex == r.inputIndex) {
                    reached[0] = true;
                    symbol[0] = reader.symbol(r.tokenId);
                    return false;
                }
                return true;
            });
            SpreadBook b = strategy.book(r.tokenId);
            if (!reached[0] || b == null || symbol[0] == null) {
                return new Result(Outcome.GONE, "the journal's input no longer holds record " + r.inputIndex
                        + " the opportunity was derived from", null);
            }
            SpreadBook sol = ids[0] < 0 ? null : strategy.book(ids[0]);
            double solUsd = sol == null || sol.spotPx == FixedPoint.NULL ? Double.NaN
                    : FixedPoint.toDouble(sol.spotPx, FixedPoint.PRICE_DECIMALS);
            MarketSnapshot m = MarketSnapshot.of(symbol[0], b, b.ladder, solUsd);
            return new Result(Outcome.FOUND, null, new State(seq, r.inputIndex, symbol[0], d,
                    r.timeNanos / 1_000_000, r.netBps, r.z, m));
        }
    }
}
