package io.perpspot.mirror.kafka;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.journal.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.IllegalIndexException;
import net.openhft.chronicle.queue.impl.single.InternalAppender;

/**
 * One engine's journal rebuilt from its mirrored records, exactly: each record is written at the index it has in
 * the origin's queue ({@link InternalAppender#writeBytes(long, net.openhft.chronicle.bytes.BytesStore)}, Chronicle's
 * replication write, which rolls to the index's cycle and refuses a gap), so the copy's indexes, cycles and bytes are
 * the origin's and {@code journal dump} and {@code replay --verify} read it as they read the origin.
 *
 * <p>The roll cycle is the origin's, told by the first index: both of perpspot's cycles keep the sequence in the
 * low 32 bits, and a daily cycle number (days since 1970, about 20 000 now) is far below an hourly one (hours, about
 * 490 000). A copy that exists already continues after its last record of each queue; records it holds are skipped.
 */
final class JournalCopy implements AutoCloseable {
    /** Cycle numbers at or above this are hours since 1970 (hourly roll), below it days (daily roll). */
    private static final long HOURLY_CYCLES_FROM = 100_000;

    private final Path dir;
    private final String engineId;
    private Journal journal;
    private InternalAppender input;
    private InternalAppender output;
    // Written by the pulling thread, read by others (the dashboard's health page).
    private volatile long inputLast = -1;
    private volatile long outputLast = -1;
    private long written;
    private final Bytes<?> buffer = Bytes.allocateElasticOnHeap(1024);

    private JournalCopy(Path dir, String engineId) {
        this.dir = dir;
        this.engineId = engineId;
    }

    /**
     * A copy of {@code engineId}'s journal in {@code dir}: a missing or empty directory, or that engine's journal.
     *
     * @throws ConfigException when {@code dir} holds anything else (another engine's journal included)
     */
    static JournalCopy at(Path dir, String engineId) {
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            Properties marker;
            try {
                marker = Journal.checkMarker(dir);
            } catch (JournalFormatException e) {
                throw new ConfigException("journal pull: " + dir + " is not empty and is not a perpspot journal;"
                        + " pull into an empty directory or into engine " + engineId + "'s copy");
            }
            String held = marker.getProperty(Journal.ENGINE_ID);
            if (!engineId.equals(held)) {
                throw new ConfigException("journal pull: " + dir + " is engine " + held + "'s journal, not engine "
                        + engineId + "'s; pull into an empty directory or into engine " + engineId + "'s copy");
            }
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("journal pull: " + dir + " is a file, not a directory");
        }
        return new JournalCopy(dir, engineId);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new ConfigException("journal pull: cannot read " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Writes one record at its origin index unless the copy holds it already.
     *
     * @param where the record's topic, partition and offset, for the one line of an error
     * @return true when written, false when the copy held it
     * @throws JournalFormatException when the index does not follow the copy's last one (a gap: records missing on
     *         Kafka, e.g. dropped by retention)
     */
    boolean append(boolean inputQueue, long index, byte[] record, String where) {
        if (journal == null) {
            open(index);
        }
        long last = inputQueue ? inputLast : outputLast;
        if (index <= last) {
            return false;
        }
        buffer.clear();
        buffer.write(record);
        try {
            (inputQueue ? input : output).writeBytes(index, buffer);
        } catch (IllegalIndexException e) {
            throw new JournalFormatException("journal pull: " + where + ": engine " + engineId + "'s "
                    + (inputQueue ? "input" : "output") + " index " + index + " does not follow the copy's last ("
                    + last + "): Kafka lacks the records between (retention?); pull into an empty directory from a"
                    + " topic that holds the journal from its start");
        }
        if (inputQueue) {
            inputLast = index;
        } else {
            outputLast = index;
        }
        written++;
        return true;
    }

    private void open(long firstIndex) {
        String cycle = (firstIndex >>> 32) >= HOURLY_CYCLES_FROM ? "hourly" : "daily";
        journal = Journal.openForWrite(dir, cycle, Journal.DEFAULT_BLOCK_SIZE, 0, engineId);
        input = appender(journal.input());
        output = appender(journal.output());
        inputLast = journal.input().lastIndex();
        outputLast = journal.output().lastIndex();
    }

    private static InternalAppender appender(ChronicleQueue q) {
        return (InternalAppender) q.createAppender();
    }

    /** The engine whose journal this is a copy of. */
    String engineId() {
        return engineId;
    }

    /** The copy's directory. */
    Path dir() {
        return dir;
    }

    /** Records written by this pull. */
    long written() {
        return written;
    }

    /** The copy's last input index (-1: none yet). */
    long inputLast() {
        return inputLast;
    }

    /** The copy's last output index (-1: none yet). */
    long outputLast() {
        return outputLast;
    }

    @Override
    public void close() {
        if (journal != null) {
            input.close();
            output.close();
            journal.close();
        }
        buffer.releaseLast();
    }
}
