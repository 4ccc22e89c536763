package io.perpspot.engine.journal;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Read-only iteration over a perpspot {@link Journal} for tools and the dashboard.
 *
 * <p>Reads the input queue into one reused {@link MarketEvent} ({@link InputCodec}) and the output
 * queue into one reused {@link OutputRecord} ({@link OutputCodec}); writes nothing: both queues
 * are opened read-only, so a live engine may keep appending while this reads. Each
 * {@code forEach} pass runs from the start of its queue up to what has been written at that
 * moment (or until the visitor asks to stop), on a tailer of its own.
 *
 * <p>Token definitions are collected as TokenDef records go by in {@link #forEachInput}, so
 * {@link #token(int)} answers with the definition in force at the record being visited; a later
 * TokenDef for the same id (a new engine run) replaces the earlier one. {@link #readTokens()}
 * collects every definition in the journal up front.
 *
 * <p>Allocation-free per record in the loops, except for TokenDef records, which build a {@link Token}.
 * A record that cannot be decoded stops the pass with a {@link JournalFormatException} naming
 * the queue and the record's index. Not thread-safe: use one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    /** Receives each input record; the event object is reused for the next record. */
    @FunctionalInterface
    public interface InputVisitor {
        /** @return true to continue, false to stop the pass after this record */
        boolean onEvent(MarketEvent event);
    }

    /** Receives each output record; the record object is reused for the next record. */
    @FunctionalInterface
    public interface OutputVisitor {
        /** @return true to continue, false to stop the pass after this record */
        boolean onRecord(OutputRecord record, long index);
    }

    private final Journal journal;
    private final MarketEvent event = new MarketEvent();
    private final OutputRecord record = new OutputRecord();
    private final Map<Integer, Token> tokens = new TreeMap<>();
    private final Map<Integer, Token> tokensView = Collections.unmodifiableMap(tokens);
    private long recordBytes;

    private JournalReader(Journal journal) {
        this.journal = journal;
    }

    /**
     * Opens the journal in {@code dir} read-only.
     *
     * @throws JournalFormatException (one line) if {@code dir} is missing, is not a perpspot
     *         journal, has a format version this build does not read, or its queues cannot be opened
     */
    public static JournalReader open(Path dir) {
        try {
            return new JournalReader(Journal.openForRead(dir));
        } catch (JournalFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // Chronicle's own failures (a damaged queue directory, unreadable metadata) get the
            // same one-line treatment as a bad marker: the tools must never show a stack trace.
            throw new JournalFormatException(dir + ": cannot open the journal's queues: " + e);
        }
    }

    /** The journal directory. */
    public Path dir() {
        return journal.dir();
    }

    /**
     * Visits input records from the first, in journal order, until the end of what is written
     * or until the visitor returns false. {@link MarketEvent#journalIndex} holds each record's index.
     *
     * @return the number of records visited
     */
    public long forEachInput(InputVisitor visitor) {
        long n = 0;
        try (ExcerptTailer tailer = inputTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    long index = dc.index();
                    Bytes<?> b = dc.wire().bytes();
                    recordBytes = b.readRemaining();
                    InputCodec.read(b, index, event);
                    if (event.type == EventType.TOKEN_DEF) {
                        define(event);
                    }
                    n++;
                    if (!visitor.onEvent(event)) {
                        return n;
                    }
                }
            }
        }
    }

    /**
     * Visits output records from the first, in journal order, until the end of what is written
     * or until the visitor returns false.
     *
     * @return the number of records visited
     */
    public long forEachOutput(OutputVisitor visitor) {
        long n = 0;
        try (ExcerptTailer tailer = outputTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    long index = dc.index();
                    Bytes<?> b = dc.wire().bytes();
                    recordBytes = b.readRemaining();
                    OutputCodec.read(b, index, record);
                    n++;
                    if (!visitor.onRecord(record, index)) {
                        return n;
                    }
                }
            }
        }
    }

    /** Payload size in bytes of the record being visited (without Chronicle's 4-byte header). */
    public long recordBytes() {
        return recordBytes;
    }

    /**
     * A new tailer on the input queue, at its start, for byte-level access
     * ({@code readingDocument()}, {@code moveToIndex}). The caller closes it, on the thread that created it.
     */
    public ExcerptTailer inputTailer() {
        return journal.input().createTailer().toStart();
    }

    /** A new tailer on the output queue, at its start; the caller closes it. */
    public ExcerptTailer outputTailer() {
        return journal.output().createTailer().toStart();
    }

    /**
     * Token definitions seen so far by {@link #forEachInput} or {@link #readTokens}: id to token,
     * in id order. A live view; do not keep it across passes if the ids matter per run.
     */
    public Map<Integer, Token> tokens() {
        return tokensView;
    }

    /** The token with this id as defined so far, or null. */
    public Token token(int id) {
        return id < 0 ? null : tokens.get(id);
    }

    /** The symbol of a token id, or null when the id is negative or undefined. */
    public String symbol(int id) {
        Token t = token(id);
        return t == null ? null : t.symbol();
    }

    /**
     * Reads every TokenDef record in the input queue (a full pass) and returns the definitions,
     * the last one of each id winning.
     */
    public Map<Integer, Token> readTokens() {
        forEachInput(e -> true);
        return tokensView;
    }

    private void define(MarketEvent e) {
        try {
            tokens.put(e.tokenId, EngineEvents.token(e));
        } catch (IllegalArgumentException ex) {
            throw new JournalFormatException("input record " + e.journalIndex + ": bad TokenDef: " + ex.getMessage());
        }
    }

    /** The journal's queues, for callers that need more than iteration. */
    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        journal.close();
    }
}
