package io.perpspot.engine.strategy;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the strategy's state from a journal before a run continues it: from the latest
 * StateSnapshot output record (if any) plus the input after it, otherwise by folding the whole
 * input queue. Reads both queues of a journal opened for writing; writes only the output records
 * that a run which stopped abruptly (kill -9, power loss, a failed append) derived but never
 * wrote, so that the output queue is again exactly what the input derives.
 *
 * <p>While folding the tail, each derived record is compared with the next recorded one: equal
 * bytes are skipped; once the recorded output has ended, the derived records are appended. A
 * recorded record that differs is a divergence (counted and logged; it cannot happen unless the
 * journal was written by another build).
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What recovery found and did. */
    public record Result(boolean empty, boolean fromSnapshot, long snapshotInputIndex, long inputsFolded,
                         long lastInputIndex, long outputsMatched, long outputsWritten, long divergences,
                         List<Token> tokens, long nanos) {
        /** One line for the log. */
        public String describe() {
            if (empty) {
                return "new journal: nothing to recover";
            }
            return String.format(Locale.ROOT,
                    "recovered in %.2f s from %s, folding %,d input records up to index %d; %,d output records matched,"
                            + " %,d written to complete the previous run, %d divergent; %d token ids carried over",
                    nanos / 1e9, fromSnapshot ? "the state snapshot at input " + snapshotInputIndex
                    : "the whole journal",
                    inputsFolded, lastInputIndex, outputsMatched, outputsWritten, divergences, tokens.size());
        }
    }

    private Recovery() {
    }

    /**
     * Recovers the journal's state into {@code target} (which must not be running) and completes
     * the output queue. Call on the thread that will not write the output concurrently.
     */
    public static Result recover(Journal journal, Strategy target) {
        long t0 = System.nanoTime();
        List<Token> tokens = readTokens(journal);
        Bytes<byte[]> state = Bytes.allocateElasticOnHeap(1 << 16);
        long snapshotOutputIndex = -1;
        long snapshotInputIndex = -1;
        try (ExcerptTailer back = journal.output().createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (true) {
                try (DocumentContext dc = back.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long p = b.readPosition();
                    if (b.readRemaining() >= OutputCodec.HEADER_BYTES
                            && b.readUnsignedByte(p) == OutputType.STATE_SNAPSHOT) {
                        snapshotOutputIndex = dc.index();
                        snapshotInputIndex = b.readLong(p + 8);
                        state.clear();
                        b.readSkip(OutputCodec.HEADER_BYTES);
                        state.write(b);
                        break;
                    }
                }
            }
        }
        CatchUpSink sink = new CatchUpSink(journal);
        Strategy fold = new Strategy(sink);
        if (snapshotOutputIndex >= 0) {
            int version = state.readUnsignedShort(state.readPosition());
            if (version < Strategy.OLDEST_STATE_VERSION || version > Strategy.STATE_VERSION) {
                // Stop, never guess: the run does not start on a journal it cannot continue exactly.
                throw new JournalFormatException("recovery: the state snapshot at output " + snapshotOutputIndex
                        + " has state version " + version + "; this build reads versions "
                        + Strategy.OLDEST_STATE_VERSION + ".." + Strategy.STATE_VERSION);
            }
            fold.readState(state);
        }
        MarketEvent e = new MarketEvent();
        long folded = 0;
        long last = -1;
        boolean any = false;
        try (ExcerptTailer in = journal.input().createTailer();
             ExcerptTailer out = journal.output().createTailer()) {
            sink.recorded = out;
            if (snapshotOutputIndex >= 0) {
                if (!in.moveToIndex(snapshotInputIndex)) {
                    throw new JournalFormatException("recovery: the state snapshot names input " + snapshotInputIndex
                            + ", which the input queue does not hold");
                }
                skipOne(in);
                if (!out.moveToIndex(snapshotOutputIndex)) {
                    throw new JournalFormatException("recovery: cannot position on output " + snapshotOutputIndex);
                }
                skipOne(out);
                any = true;
            } else {
                in.toStart();
                out.toStart();
            }
            while (true) {
                try (DocumentContext dc = in.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    any = true;
                    InputCodec.read(dc.wire().bytes(), dc.index(), e);
                    e.journalIndex = dc.index();
                    last = e.journalIndex;
                    fold.onEvent(e);
                    folded++;
                }
            }
        } finally {
            sink.close();
        }
        if (!any) {
            return new Result(true, false, -1, 0, -1, 0, 0, 0, List.of(), System.nanoTime() - t0);
        }
        state.clear();
        fold.writeState(state);
        target.readState(state);
        Result r = new Result(false, snapshotOutputIndex >= 0, snapshotInputIndex, folded, last, sink.matched,
                sink.written,
                sink.divergent, tokens, System.nanoTime() - t0);
        return r;
    }

    private static void skipOne(ExcerptTailer t) {
        try (DocumentContext dc = t.readingDocument()) {
            // positioned on the snapshot's own records: both were consumed before it was taken
        }
    }

    /** Every TokenDef of the input queue, the last of each id winning, in id order. */
    static List<Token> readTokens(Journal journal) {
        Map<Integer, Token> byId = new TreeMap<>();
        MarketEvent e = new MarketEvent();
        try (ExcerptTailer in = journal.input().createTailer().toStart()) {
            while (true) {
                try (DocumentContext dc = in.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (b.readRemaining() > 0 && b.readUnsignedByte(b.readPosition()) == EventType.TOKEN_DEF) {
                        InputCodec.read(b, dc.index(), e);
                        byId.put(e.tokenId, EngineEvents.token(e));
                    }
                }
            }
        }
        List<Token> out = new ArrayList<>();
        for (Token t : byId.values()) {
            if (t.id() != out.size()) {
                throw new JournalFormatException("recovery: token ids are not dense (id " + t.id() + " after "
                        + out.size() + " tokens)");
            }
            out.add(t);
        }
        return out;
    }

    /** Compares derived records with the recorded ones; appends those the recorded output lacks. */
    private static final class CatchUpSink implements RecordSink, AutoCloseable {
        private final Journal journal;
        private final Bytes<byte[]> derived = Bytes.allocateElasticOnHeap(256);
        private final Bytes<byte[]> rec = Bytes.allocateElasticOnHeap(256);
        ExcerptTailer recorded;
        private boolean recordedEnded;
        private ExcerptAppender appender;
        long matched;
        long written;
        long divergent;

        CatchUpSink(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void write(OutputRecord r) {
            if (!recordedEnded) {
                try (DocumentContext dc = recorded.readingDocument()) {
                    if (dc.isPresent()) {
                        rec.clear();
                        rec.write(dc.wire().bytes());
                        // Compared in the recorded record's layout: a journal an earlier release wrote continues.
                        derived.clear();
                        if (OutputCodec.writeAs(r, derived, rec.readRemaining() > 1 ? rec.readUnsignedByte(1) : 0)
                                && rec.contentEquals(derived)) {
                            matched++;
                        } else {
                            if (divergent++ == 0) {
                                LOG.error("recovery: recorded output {} differs from what the input derives (input {},"
                                        + " type {}); the journal was written by another build?", dc.index(),
                                        r.inputIndex,
                                        OutputType.name(r.type));
                            }
                        }
                        return;
                    }
                    recordedEnded = true;
                }
            }
            if (appender == null) {
                appender = journal.output().createAppender();
            }
            derived.clear();
            OutputCodec.write(r, derived);
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().write(derived);
            }
            written++;
        }

        @Override
        public void close() {
            if (appender != null) {
                appender.close();
            }
        }
    }
}
