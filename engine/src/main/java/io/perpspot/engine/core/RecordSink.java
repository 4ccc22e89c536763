package io.perpspot.engine.core;

/** Where the strategy's derived records go: the output queue live, a comparator in replay. */
public interface RecordSink {
    /**
     * Writes one record, on the strategy's thread and in the order the fold derives them. The record is the
     * caller's flyweight, refilled after the call returns: an implementation that keeps it must copy it. A failure
     * is thrown, never swallowed (live: {@code JournalAppendException}, which stops ingestion until recovery
     * writes what it cut short).
     */
    void write(OutputRecord record);
}
