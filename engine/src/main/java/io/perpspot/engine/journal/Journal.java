package io.perpspot.engine.journal;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.JournalFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * A perpspot journal directory: {@code input/} (the truth: every market event, in order),
 * {@code output/} (what the strategy derived from it) and a marker file naming the format and
 * version. Both queues are Chronicle Queues; readers may tail them while a writer appends.
 */
public final class Journal implements AutoCloseable {
    public static final String MARKER = "perpspot-journal.properties";
    public static final String FORMAT = "perpspot-journal";
    /** Directory-level format version. Record versions are per record (see the codecs). */
    public static final int FORMAT_VERSION = 1;
    /** The marker's key for the engine id: made with the journal, or on the first open for writing of an older one. */
    public static final String ENGINE_ID = "engine.id";

    private final Path dir;
    private final ChronicleQueue input;
    private final ChronicleQueue output;
    /** Touches file pages ahead of the appenders; null when off or read-only. */
    private final PageToucher pages;
    /** The marker's engine id; null for a read-only journal written before engine ids. */
    private final String engineId;

    private Journal(Path dir, ChronicleQueue input, ChronicleQueue output, PageToucher pages, String engineId) {
        this.dir = dir;
        this.input = input;
        this.output = output;
        this.pages = pages;
        this.engineId = engineId;
    }

    /**
     * Opens a journal for writing: creates it if the directory is missing or empty, continues
     * it if it is a perpspot journal, refuses anything else.
     *
     * @param rollCycle {@code daily} or {@code hourly}
     */
    public static Journal openForWrite(Path dir, String rollCycle) {
        return openForWrite(dir, rollCycle, DEFAULT_BLOCK_SIZE);
    }

    /** Default Chronicle chunk size (the {@code journal.block-size} default). */
    public static final long DEFAULT_BLOCK_SIZE = 256L << 20;
    /** Default bytes touched ahead of each appender (the {@code journal.pretouch-ahead} default). */
    public static final long DEFAULT_PRETOUCH_AHEAD = 4L << 20;

    /**
     * Opens a journal for writing with a given Chronicle block (chunk) size in bytes, touching
     * {@link #DEFAULT_PRETOUCH_AHEAD} bytes ahead of the appenders.
     */
    public static Journal openForWrite(Path dir, String rollCycle, long blockSize) {
        return openForWrite(dir, rollCycle, blockSize, DEFAULT_PRETOUCH_AHEAD);
    }

    /**
     * Opens a journal for writing. {@code pretouchAhead}: bytes of each queue's file touched
     * ahead of its appender by a background thread ({@link PageToucher}); 0 for none.
     */
    public static Journal openForWrite(Path dir, String rollCycle, long blockSize, long pretouchAhead) {
        return openForWrite(dir, rollCycle, blockSize, pretouchAhead, "");
    }

    /**
     * Opens a journal for writing as the engine {@code engineId} (empty: the marker's id). A new journal's
     * marker keeps that id, or a random one; an older journal without one gets it now and keeps it.
     *
     * @throws ConfigException when {@code engineId} is given and the marker names another engine
     */
    public static Journal openForWrite(Path dir, String rollCycle, long blockSize, long pretouchAhead,
                                       String engineId) {
        checkByteOrder();
        String id;
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new JournalFormatException(dir + " is a file, not a journal directory");
            }
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER))) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new JournalFormatException(dir + " is not empty and is not a perpspot journal (no "
                                + MARKER + "); choose another --journal directory");
                    }
                }
            }
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            Properties p;
            if (Files.exists(marker)) {
                p = checkMarker(dir);
            } else {
                p = new Properties();
                p.setProperty("format", FORMAT);
                p.setProperty("version", Integer.toString(FORMAT_VERSION));
                p.setProperty("created", Instant.now().toString());
                p.setProperty("input.record-version", Integer.toString(InputCodec.VERSION));
                p.setProperty("output.record-version", Integer.toString(OutputCodec.VERSION));
            }
            id = claimEngineId(dir, p, engineId);
        } catch (IOException e) {
            throw new JournalFormatException("cannot create journal " + dir + ": " + e.getMessage());
        }
        RollCycles cycle = "hourly".equals(rollCycle) ? RollCycles.FAST_HOURLY : RollCycles.FAST_DAILY;
        ChronicleQueue in = SingleChronicleQueueBuilder.single(dir.resolve("input").toFile()).rollCycle(cycle)
                .blockSize(blockSize).build();
        ChronicleQueue out = SingleChronicleQueueBuilder.single(dir.resolve("output").toFile()).rollCycle(cycle)
                .blockSize(blockSize).build();
        PageToucher pages = pretouchAhead <= 0 ? null : new PageToucher("perpspot-journal-pretouch",
                Math.max(PageToucher.PAGE, pretouchAhead), PageToucher.DEFAULT_INTERVAL_NANOS, "input", "output");
        return new Journal(dir, in, out, pages, id);
    }

    /**
     * The engine id of the marker {@code p}, after storing {@code wanted} (or a random id) in it if it had none;
     * the marker file is (re)written only then, through a temporary file and an atomic rename.
     */
    private static String claimEngineId(Path dir, Properties p, String wanted) throws IOException {
        String kept = p.getProperty(ENGINE_ID);
        if (kept != null && !kept.isEmpty()) {
            if (!wanted.isEmpty() && !wanted.equals(kept)) {
                throw new ConfigException("config: engine.id: '" + wanted + "', but journal " + dir
                        + " belongs to engine '" + kept + "' (its " + MARKER + "); a journal keeps one engine id");
            }
            return kept;
        }
        String id = wanted.isEmpty() ? UUID.randomUUID().toString() : wanted;
        p.setProperty(ENGINE_ID, id);
        Path marker = dir.resolve(MARKER);
        Path tmp = dir.resolve(MARKER + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "perpspot journal: input/ and output/ are Chronicle Queues; see docs/journal-format.md");
        }
        Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    /** Opens an existing journal read-only (a writer may still be appending to it). */
    public static Journal openForRead(Path dir) {
        String id = checkMarker(dir).getProperty(ENGINE_ID);
        ChronicleQueue in = openQueueForRead(dir.resolve("input"));
        try {
            return new Journal(dir, in, openQueueForRead(dir.resolve("output")), null, id);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static ChronicleQueue openQueueForRead(Path q) {
        if (!Files.isDirectory(q)) {
            throw new JournalFormatException(q + " is missing: the journal is incomplete");
        }
        return SingleChronicleQueueBuilder.single(q.toFile()).readOnly(true).build();
    }

    /** Checks that {@code dir} holds a perpspot journal of a version this build reads; returns its marker. */
    public static Properties checkMarker(Path dir) {
        checkByteOrder();
        if (!Files.isDirectory(dir)) {
            throw new JournalFormatException(dir + ": no such journal directory");
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new JournalFormatException(dir + " is not a perpspot journal (no " + MARKER + ")");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new JournalFormatException(marker + " is unreadable: " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new JournalFormatException(dir + " is not a perpspot journal (format '" + p.getProperty("format")
                    + "')");
        }
        int version;
        try {
            version = Integer.parseInt(p.getProperty("version", ""));
        } catch (NumberFormatException e) {
            throw new JournalFormatException(marker + ": version '" + p.getProperty("version") + "' is not a number");
        }
        if (version < 1 || version > FORMAT_VERSION) {
            throw new JournalFormatException(dir + ": journal format version " + version
                    + " is not one this perpspot reads (1.." + FORMAT_VERSION + "); upgrade perpspot");
        }
        return p;
    }

    /** Records are written in native order; the documented format is little-endian. */
    private static void checkByteOrder() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new JournalFormatException("journals are little-endian and this platform is not; run perpspot on"
                    + " x86-64 or aarch64");
        }
    }

    /** The journal's directory. */
    public Path dir() {
        return dir;
    }

    /**
     * The engine id kept in the marker: always set when opened for writing; null when a journal written before
     * engine ids is opened read-only (an EngineStart may still name one, docs/journal-format.md).
     */
    public String engineId() {
        return engineId;
    }

    /**
     * The input queue (every event, in journal order); read-only if opened by {@link #openForRead}. Closed by
     * {@link #close}.
     */
    public ChronicleQueue input() {
        return input;
    }

    /**
     * The output queue (what the strategy derived); read-only if opened by {@link #openForRead}. Closed by
     * {@link #close}.
     */
    public ChronicleQueue output() {
        return output;
    }

    /** What the input appender reports its writes to (see {@link PageToucher}); null when not pretouching. */
    public PageToucher.Target inputPages() {
        return pages == null ? null : pages.target(0);
    }

    /** What the output appender reports its writes to; null when not pretouching. */
    public PageToucher.Target outputPages() {
        return pages == null ? null : pages.target(1);
    }

    /** The pretouch thread, or null when off or read-only. */
    public PageToucher pageToucher() {
        return pages;
    }

    @Override
    public void close() {
        // First: the pretouch thread holds reservations on the queues' files.
        if (pages != null) {
            pages.close();
        }
        input.close();
        output.close();
    }
}
