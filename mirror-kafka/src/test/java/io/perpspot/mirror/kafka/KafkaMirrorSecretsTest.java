package io.perpspot.mirror.kafka;

import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.testkit.Await;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The mirror's client secrets come from the environment: a {@code mirror.kafka.properties} file whose
 * {@code sasl.jaas.config} names {@code ${KAFKA_MIRROR_PASSWORD}} authenticates the sim engine's mirror to a real
 * broker's SASL/PLAIN listener (Kafka ends up holding the whole journal), and the password set in the engine's
 * environment appears nowhere in the log (Kafka's own client lines included, at INFO), the summary, nor any journal
 * file's bytes. A variable the environment does not set is one line naming the key and the variable.
 */
class KafkaMirrorSecretsTest {
    private static final String USER = "mirror";
    private static final String PASSWORD = "kafkaPW-3b9e51d7a0c2";

    @TempDir
    Path dir;

    @Test
    void aSaslPasswordFromTheEnvironmentAuthenticatesAndReachesNoLogNorJournal() throws IOException {
        Path journal = dir.resolve("j");
        Path props = Files.writeString(dir.resolve("client.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=%s required username="%s" password="${KAFKA_MIRROR_PASSWORD}";
                """.formatted(PlainLoginModule.class.getName(), USER));
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger kafkaLogger = logs.getLogger("org.apache.kafka");
        Level kafkaLevel = kafkaLogger.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logs);
        captured.start();
        Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (KafkaProcess kafka = KafkaProcess.startWithSasl(dir.resolve("kafka"), USER, PASSWORD)) {
            kafkaLogger.setLevel(Level.INFO); // the clients' config lines: every setting, secrets hidden
            root.addAppender(captured);
            var config = ConfigLoader.load(null, List.of("dashboard.port=0", "sim.tokens=5", "tokens.max=5",
                    "engine.id=sasl-1", "mirror.kafka.bootstrap=" + kafka.saslBootstrap(),
                    "mirror.kafka.properties=" + props));
            try (Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").dashboard(true),
                    Map.of("KAFKA_MIRROR_PASSWORD", PASSWORD))) {
                engine.start();
                MirrorSettings plain = MirrorChecks.settings(kafka);
                Await.await("the mirror authenticated and produced", 90, () -> engine.assembly().journaled() > 100
                        && captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("created topic "
                        + plain.outputTopic())));
                engine.requestStop();
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8)); // the summary
            }
            assertWholeJournal(kafka, journal, "sasl-1");
        } finally {
            System.setOut(out);
            root.detachAppender(captured);
            kafkaLogger.setLevel(kafkaLevel);
        }
        StringBuilder text = new StringBuilder(stdout.toString(StandardCharsets.UTF_8));
        for (ILoggingEvent e : captured.list) {
            text.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                text.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        assertTrue(text.toString().contains("sasl.jaas.config = [hidden]"), "Kafka's client config lines were seen");
        assertTrue(text.toString().contains("kafka mirror      "), "the summary was seen");
        assertFalse(text.toString().contains(PASSWORD), "the password in the log or summary");
        try (Stream<Path> files = Files.walk(journal)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(PASSWORD),
                        "the password in " + f);
            }
        }
    }

    @Test
    void aVariableTheEnvironmentDoesNotSetIsOneLineNamingKeyAndVariable() throws IOException {
        Path props = Files.writeString(dir.resolve("client.properties"),
                "ssl.truststore.password=${MISSING_TRUST_PW}\nssl.keystore.location=$${literal}\n");
        var config = ConfigLoader.load(null, List.of("mirror.kafka.bootstrap=127.0.0.1:1",
                "mirror.kafka.properties=" + props));
        ConfigException e = assertThrows(ConfigException.class, () -> MirrorSettings.from(config, Map.of()));
        assertEquals("config: mirror.kafka.properties: ssl.truststore.password names ${MISSING_TRUST_PW}, which the"
                + " environment does not set", e.getMessage());
        MirrorSettings s = MirrorSettings.from(config, Map.of("MISSING_TRUST_PW", "trustPW-1"));
        assertEquals("trustPW-1", s.client().get("ssl.truststore.password"));
        assertEquals("${literal}", s.client().get("ssl.keystore.location"), "$${ is a literal ${");
        assertFalse(s.toString().contains("trustPW-1"), s.toString());
    }
}
