package io.perpspot.tools.arch;

import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;

/**
 * The journal tools' rooms form the layers of docs/architecture.md, bottom first: what every
 * command shares (the usage-error line, the journal arguments), the output formats and the
 * read side the dashboard uses; then the commands that need only those; then the commands built
 * on them (replay on the backtest, history on its time parsing, stats and analytics on the
 * latency table, export on dump's record filter and the backtest's time parsing and progress
 * bar); at the top the root package, which registers every command with the CLI.
 */
class ToolsArchitectureTest extends LayeredRoomsTest {
    static final List<List<String>> LAYERS = List.of(
            List.of("command", "format", "read"),
            List.of("backtest", "dump", "latency", "simulate"),
            List.of("analytics", "export", "history", "replay", "stats"),
            List.of(""));

    ToolsArchitectureTest() {
        super("io.perpspot.tools", LAYERS);
    }
}
