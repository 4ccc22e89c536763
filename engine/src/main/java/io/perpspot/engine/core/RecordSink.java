package io.perpspot.engine.core;

/** Where the strategy's derived records go: the output queue live, a comparator in replay. */
public interface RecordSink {
    /** Writes one record; the record object may be reused by the caller afterwards. */
    void write(OutputRecord record);
}
