package io.perpspot.tools.command;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * The journal directory every journal-reading command takes as its first positional parameter
 * ({@code DIR}); a picocli {@code @Mixin}, so each command declares it once by naming this class.
 */
public class JournalArgs {
    @Parameters(index = "0", paramLabel = "DIR", description = "Journal directory.")
    Path dir;

    /** The journal directory given on the command line. */
    public Path dir() {
        return dir;
    }
}
