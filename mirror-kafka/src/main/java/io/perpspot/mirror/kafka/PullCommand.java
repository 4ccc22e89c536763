package io.perpspot.mirror.kafka;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpspot journal pull}: rebuilds engines' journals from the Kafka mirror's topics, exactly (the origin's
 * indexes and bytes; see {@link JournalCopy}), once or following; Ctrl-C ends a follow after the record in hand.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Rebuild journals from the Kafka mirror's topics as exact local journals:",
            "replay --verify passes on a copy and journal dump of it equals the origin's.",
            "With --engine all, each engine's copy is DIR/<engine id>/."})
public final class PullCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka's host:port[,...].")
    String bootstrap;

    @Option(names = "--engine", required = true, paramLabel = "ID|all", description = "The engine id to pull, or"
            + " all.")
    String engine;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The copy's directory: empty, or"
            + " this engine's copy (continued).")
    Path out;

    @Option(names = "--follow", description = "Keep the copy current until Ctrl-C.")
    boolean follow;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = "perpspot",
            description = "The mirror's topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--properties", paramLabel = "FILE", description = "Further Kafka client settings (TLS, SASL);"
            + " $${NAME} in a value is the environment variable NAME.")
    Path properties;

    @Override
    public Integer call() {
        MirrorSettings settings = new MirrorSettings(bootstrap.trim(), prefix, clientSettings(), Duration.ZERO);
        PrintWriter stdout = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        try (JournalPuller puller = JournalPuller.open(settings, engine, out)) {
            Thread hook = new Thread(() -> {
                puller.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "perpspot-pull-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                long n = puller.run(follow);
                stdout.printf("pulled %d records from %s at %s%n", n, settings.inputTopic().replace(".input", ".*"),
                        settings.bootstrap());
                for (Map.Entry<String, JournalCopy> c : puller.copies().entrySet()) {
                    stdout.printf("  engine %s: %s (input through index %d, output through index %d)%n", c.getKey(),
                            c.getValue().dir(), c.getValue().inputLast(), c.getValue().outputLast());
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook waits for the copies to close
                }
            }
        } finally {
            done.countDown();
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> clientSettings() {
        Map<String, Object> client = new HashMap<>();
        if (properties != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(properties)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("journal pull: --properties: cannot read '" + properties + "': "
                        + e.getMessage());
            }
            p.forEach((k, v) -> client.put(k.toString(), MirrorSettings.expand(k.toString(), v.toString(),
                    System.getenv())));
        }
        return client;
    }
}
