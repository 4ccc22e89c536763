package io.perpspot.tools.export;

/** An export that cannot go on: its one-line message is what the user sees (exit code 2). */
final class ExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExportException(String message) {
        super(message);
    }
}
