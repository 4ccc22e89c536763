package io.perpspot.engine.core;

/** A journal that cannot be read: not a perpspot journal, an unknown version, a corrupt record. */
public final class JournalFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalFormatException(String message) {
        super(message, null, false, false);
    }
}
