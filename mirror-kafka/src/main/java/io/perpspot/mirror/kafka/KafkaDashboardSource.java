package io.perpspot.mirror.kafka;

import io.perpspot.dashboard.Dashboard;
import io.perpspot.dashboard.JournalSource;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code perpspot dashboard --kafka BOOTSTRAP [--engine ID|all] [--copy DIR]}: the dashboard over every engine
 * mirrored to Kafka. A {@link JournalPuller} follows the topics into exact local copies ({@code DIR/<engine id>/},
 * as {@code journal pull --engine all --follow} writes them), and each engine's copy joins the dashboard as its
 * first record arrives: one fold per engine id, since token ids are per engine. Added to the dashboard command as
 * a mixin by {@link MirrorCliExtension}.
 */
public final class KafkaDashboardSource implements JournalSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDashboardSource.class);
    /** Where the copies go without {@code --copy}. */
    static final String DEFAULT_COPIES = "data/kafka-copies";

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Instead of --journal: every engine mirrored"
            + " to Kafka at host:port[,...] (mirror.kafka.bootstrap), on one overview.")
    String bootstrap;

    @Option(names = "--engine", paramLabel = "ID|all", defaultValue = JournalPuller.ALL,
            description = "With --kafka: the engine to show, or all (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--copy", paramLabel = "DIR", defaultValue = DEFAULT_COPIES,
            description = "With --kafka: where the engines' journals are pulled to, DIR/<engine id>/, kept and"
                    + " continued next time (default: ${DEFAULT-VALUE}, under the working directory).")
    Path copies;

    @Option(names = "--topic-prefix", paramLabel = "P",
            description = "With --kafka: the mirror's topic prefix (default: mirror.kafka.topic-prefix, perpspot)."
                    + " Client settings (TLS, SASL) come from mirror.kafka.properties.")
    String prefix;

    @Override
    public String option() {
        return "--kafka BOOTSTRAP";
    }

    @Override
    public boolean chosen() {
        return bootstrap != null;
    }

    @Override
    public Feed open(Config config) {
        MirrorSettings from = MirrorSettings.from(config);
        MirrorSettings settings = new MirrorSettings(bootstrap.trim(), prefix == null ? from.topicPrefix() : prefix,
                from.client(), Duration.ZERO);
        return open(settings, engine, copies);
    }

    /** A feed of {@code engine}'s ({@code all}: every engine's) journals from Kafka, pulled into {@code copies}. */
    static Feed open(MirrorSettings settings, String engine, Path copies) {
        try {
            String id = JournalPuller.ALL.equals(engine) ? null : engine;
            return new KafkaFeed(settings, JournalPuller.open(settings, engine, id == null ? copies
                    : copies.resolve(id)), copies);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replaceFirst("^journal pull: ", "dashboard --kafka: ")
                    .replace(" (--topic-prefix?)", " (--topic-prefix? or no engine has mirrored yet)"));
        }
    }

    /** The pull, following on a thread of its own, handing each engine's copy to the dashboard. */
    private static final class KafkaFeed implements Feed {
        private final MirrorSettings settings;
        private final JournalPuller puller;
        private final Path copies;
        private final Thread thread;
        private volatile String error;

        KafkaFeed(MirrorSettings settings, JournalPuller puller, Path copies) {
            this.settings = settings;
            this.puller = puller;
            this.copies = copies;
            this.thread = new Thread(this::pull, "dashboard-kafka-pull");
            this.thread.setDaemon(true);
        }

        @Override
        public Path dir() {
            return copies;
        }

        @Override
        public void start(Dashboard dashboard) {
            puller.onCopy(c -> dashboard.follow(c.engineId(), c.dir(), () -> figures(c)));
            thread.start();
        }

        private void pull() {
            try {
                puller.run(true);
            } catch (RuntimeException e) {
                error = e.getMessage();
                LOG.error("dashboard --kafka: the pull stopped; the dashboard shows what it has: {}", e.getMessage());
            }
        }

        /** What the health page shows of an engine's copy. */
        private Map<String, Object> figures(JournalCopy c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", "kafka " + settings.bootstrap() + " " + settings.inputTopic().replace(".input", ".*"));
            m.put("inputLast", c.inputLast());
            m.put("outputLast", c.outputLast());
            m.put("kafkaLag", puller.kafkaLag(c.engineId()));
            m.put("pulling", thread.isAlive());
            m.put("error", error);
            return m;
        }

        @Override
        public String describe() {
            return "engines from Kafka at " + settings.bootstrap() + ", topics "
                    + settings.inputTopic().replace(".input", ".*") + ", copies in " + copies.toAbsolutePath();
        }

        @Override
        public void close() {
            puller.stop();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            puller.close();
        }
    }
}
