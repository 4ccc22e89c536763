package io.perpspot.tools;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The backtests' sim journal (journal-tools' test-jar, so spark-sweep's tests fold the same one): six seconds of the
 * engine on the sim venues over loopback, copied to a fixed time ({@link #atFixedTime}), and a templates file with a
 * template that trades every signal ("Any Edge") and a picky one ("Picky").
 */
public final class SimBacktestJournal {
    /** Where the copy starts: 2025-01-15T12:00:00Z, an hour's first second (the run is seconds long). */
    public static final long T0 = Instant.parse("2025-01-15T12:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private SimBacktestJournal() {
    }

    /** Runs the sim engine into {@code tmp/engine} and returns its copy at {@link #T0}, {@code tmp/j}. */
    public static Path record(Path tmp) throws InterruptedException {
        Path recorded = tmp.resolve("engine");
        // Fast statistics and frequent dislocations, so a short run has signals (as EngineSimRunTest).
        var config = ConfigLoader.load(null, List.of("strategy.zscore.sample-interval=200ms",
                "strategy.zscore.min-samples=20", "strategy.zscore.window=60", "sim.dislocation-rate=0.02"));
        EngineOptions options = EngineOptions.of(config, recorded).feed("sim").duration(Duration.ofSeconds(6));
        try (Engine engine = new Engine(options)) {
            engine.start();
            engine.awaitStop(Duration.ofSeconds(30));
        }
        return atFixedTime(recorded, tmp.resolve("j"));
    }

    /** Writes {@code tmp/templates.yaml} with the templates "Any Edge" and "Picky" (both SOL). */
    public static Path templates(Path tmp) throws IOException {
        Path templates = tmp.resolve("templates.yaml");
        Files.writeString(templates, """
                templates:
                  - name: Any Edge
                    token: SOL
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: -100
                    funding-threshold-bps: 10
                    direction: auto
                    risk-multiplier: 1.0
                    holding-horizon: 5s
                  - name: Picky
                    token: SOL
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: 20
                    funding-threshold-bps: 10
                    direction: long-perp
                    risk-multiplier: 1.0
                    holding-horizon: 5s
                """);
        return templates;
    }

    /**
     * Copies the input queue of {@code from} into a new journal with every receive and exchange
     * time moved by the same whole number of seconds, the first record into T0's second. Whole
     * seconds keep each time's place within its second, so the strategy's sub-second sampling
     * grid (200 ms here) sees the same events in the same samples.
     */
    public static Path atFixedTime(Path from, Path to) {
        Journal copy = Journal.openForWrite(to, "daily");
        try (JournalReader reader = JournalReader.open(from); ExcerptAppender a = copy.input().createAppender()) {
            long[] shift = {Long.MIN_VALUE};
            reader.forEachInput(e -> {
                if (shift[0] == Long.MIN_VALUE) {
                    shift[0] = T0 - Math.floorDiv(e.recvNanos, SECOND) * SECOND;
                }
                e.recvNanos += shift[0];
                if (e.exchTimeMs > 0) {
                    e.exchTimeMs += shift[0] / 1_000_000;
                }
                try (DocumentContext dc = a.writingDocument()) {
                    InputCodec.write(e, dc.wire().bytes());
                }
                return true;
            });
        } finally {
            copy.close();
        }
        return to;
    }
}
