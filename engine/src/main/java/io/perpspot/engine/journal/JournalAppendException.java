package io.perpspot.engine.journal;

/** An append to a journal queue failed; nothing of that record was committed. */
public final class JournalAppendException extends RuntimeException {
    private final String queue;

    public JournalAppendException(String queue, Throwable cause) {
        super("cannot append to " + queue + "/: " + cause, cause);
        this.queue = queue;
    }

    /** "input" or "output". */
    public String queue() {
        return queue;
    }
}
