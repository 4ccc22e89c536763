package io.perpspot.engine.app;

/** Process exit codes shared by every subcommand. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and found a difference or a failure it reports (e.g. replay --verify). */
    public static final int FAILED = 1;
    /** Bad usage, bad configuration, bad journal directory: one clear line on stderr. */
    public static final int USAGE = 2;
    /** The engine stopped because it could not append to its journal (journal.on-error: exit). */
    public static final int JOURNAL = 3;

    private ExitCodes() {
    }
}
