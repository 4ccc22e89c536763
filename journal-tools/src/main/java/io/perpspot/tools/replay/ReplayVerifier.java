package io.perpspot.tools.replay;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.strategy.Strategy;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Proves "replay reproduces the output queue exactly": feeds the input queue, in order, through
 * a fresh {@link Strategy} whose {@link RecordSink} is this class. Each derived record is encoded
 * with {@link OutputCodec} and compared byte for byte with the next record of the recorded
 * output queue. Stops at the first difference, including a record on one side only.
 *
 * <p>Reads both queues of a {@link JournalReader}; writes nothing. Allocation-free per record
 * until a difference is found. A journal still being written is compared up to the input read:
 * recorded output of later inputs is ignored, and output of the last inputs read is given a
 * short grace period to appear (the live consumer writes it right after the input).
 */
final class ReplayVerifier implements RecordSink {
    /** How long to wait for recorded output that a live writer may be about to append. */
    private static final long GRACE_NANOS = 500_000_000L;
    private static final long POLL_MILLIS = 5;

    private final JournalReader reader;
    private final Bytes<byte[]> derivedBytes = Bytes.allocateElasticOnHeap(256);
    private final Bytes<byte[]> recordedBytes = Bytes.allocateElasticOnHeap(256);
    private final OutputRecord recorded = new OutputRecord();
    private ExcerptTailer tailer;
    private long recordedIndex;
    /** Recorded records read so far (the 1-based number of the last one). */
    private long recordedCount;
    private long matched;
    private long events;
    private long lastInputIndex = -1;
    private Difference difference;

    /** Prefix mode: the recorded output may end early (its writer was killed). */
    private final boolean prefix;
    /** Prefix mode: the input whose derived output the recorded output ran out on, or -1. */
    private long unwrittenFrom = -1;

    ReplayVerifier(JournalReader reader) {
        this(reader, false);
    }

    /**
     * @param prefix accept a recorded output that ends early: it must then be exactly the output of
     *        the inputs before the first input whose output is not completely written (the
     *        recovered prefix of a journal whose writer died); nothing after it is compared
     */
    ReplayVerifier(JournalReader reader, boolean prefix) {
        this.reader = reader;
        this.prefix = prefix;
    }

    /** Prefix mode: index of the first input whose output was not completely written, or -1 if all were. */
    long unwrittenFrom() {
        return unwrittenFrom;
    }

    /** Runs the comparison; returns the first difference, or null when the output is reproduced exactly. */
    Difference run() {
        Strategy strategy = new Strategy(this);
        tailer = reader.outputTailer();
        try {
            reader.forEachInput(e -> {
                events++;
                lastInputIndex = e.journalIndex;
                strategy.onEvent(e);
                return difference == null && unwrittenFrom < 0;
            });
            if (difference == null && unwrittenFrom < 0) {
                checkNoneLeft();
            }
        } finally {
            tailer.close();
        }
        return difference;
    }

    /** Input events replayed (up to and including the one that showed a difference). */
    long events() {
        return events;
    }

    /** Output records that matched byte for byte. */
    long matched() {
        return matched;
    }

    @Override
    public void write(OutputRecord derived) {
        if (difference != null || unwrittenFrom >= 0) {
            return;
        }
        if (!nextRecorded(true)) {
            encode(derived, 0);
            if (prefix) {
                unwrittenFrom = derived.inputIndex;
                return;
            }
            difference = new Difference(Difference.Kind.MISSING, recordedCount + 1, -1, null, decode(derivedBytes),
                    -1, 0, derivedBytes.writePosition());
            return;
        }
        // Derived in the recorded record's version: a journal of an earlier release is compared in its own layout
        // (a derived record that layout cannot hold, such as a venue pair before v3, is a difference).
        if (!encode(derived, recorded.version)) {
            encode(derived, 0);
            difference = new Difference(Difference.Kind.CHANGED, recordedCount, recordedIndex, decode(recordedBytes),
                    decode(derivedBytes), 0, recordedBytes.writePosition(), derivedBytes.writePosition());
            return;
        }
        long at = firstDifference();
        if (at < 0) {
            matched++;
            return;
        }
        Difference.Kind kind = recorded.inputIndex < derived.inputIndex ? Difference.Kind.EXTRA
                : recorded.inputIndex > derived.inputIndex ? Difference.Kind.MISSING : Difference.Kind.CHANGED;
        difference = new Difference(kind, recordedCount, recordedIndex, decode(recordedBytes), decode(derivedBytes), at,
                recordedBytes.writePosition(), derivedBytes.writePosition());
    }

    /** Encodes {@code derived} as record version {@code version} (0: the newest); false if that layout cannot. */
    private boolean encode(OutputRecord derived, int version) {
        derivedBytes.clear();
        return OutputCodec.writeAs(derived, derivedBytes, version);
    }

    /** After the last input: any recorded record of an input that was replayed is one replay did not derive. */
    private void checkNoneLeft() {
        if (nextRecorded(false) && recorded.inputIndex <= lastInputIndex) {
            difference = new Difference(Difference.Kind.EXTRA, recordedCount, recordedIndex, decode(recordedBytes),
                    null,
                    -1, recordedBytes.writePosition(), 0);
        }
    }

    /**
     * Reads the next recorded record into {@link #recordedBytes} and {@link #recorded}.
     *
     * @param wait whether to give a live writer the grace period before calling it missing
     */
    private boolean nextRecorded(boolean wait) {
        long deadline = 0;
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent()) {
                    recordedIndex = dc.index();
                    recordedBytes.clear();
                    recordedBytes.write(dc.wire().bytes());
                    recordedCount++;
                    // Decoding first makes an unreadable recorded record a journal error (exit 2), not a difference.
                    OutputCodec.read(recordedBytes, recordedIndex, recorded);
                    return true;
                }
            }
            if (!wait) {
                return false;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + GRACE_NANOS;
            } else if (now - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Offset of the first byte where the two encodings differ (a length difference counts), or -1. */
    private long firstDifference() {
        long a = derivedBytes.writePosition();
        long b = recordedBytes.writePosition();
        long n = Math.min(a, b);
        for (long i = 0; i < n; i++) {
            if (derivedBytes.readByte(i) != recordedBytes.readByte(i)) {
                return i;
            }
        }
        return a == b ? -1 : n;
    }

    private static OutputRecord decode(Bytes<byte[]> b) {
        OutputRecord r = new OutputRecord();
        b.readPosition(0);
        OutputCodec.read(b, -1, r);
        return r;
    }
}
