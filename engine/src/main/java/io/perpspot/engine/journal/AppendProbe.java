package io.perpspot.engine.journal;

/**
 * Fault-injection seam of the journal's append path: called inside every append, after the
 * record's bytes are written and before the document is committed, with the queue's name
 * ("input" or "output"). Throwing there is what a full or unwritable disk does to a
 * memory-mapped append (an I/O error, or the JVM's InternalError for a SIGBUS); the appender
 * then rolls the document back, so nothing partial is ever committed. Production uses
 * {@link #NONE}.
 */
@FunctionalInterface
public interface AppendProbe {
    AppendProbe NONE = queue -> {
    };

    /**
     * Called on the appending thread inside every append, between writing the record and committing it; throwing rolls
     * the record back and fails the append with a {@link JournalAppendException}.
     *
     * @param queue {@code "input"} or {@code "output"}
     */
    void beforeCommit(String queue);
}
