package io.perpspot.mirror.kafka.testing;

import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.plain.PlainLoginModule;

/**
 * A real Kafka broker for tests: one KRaft node (broker and controller in one process) in a JVM of its own,
 * started from the registry's {@code kafka_2.13} jars on two free loopback ports, like {@code RedisProcess} runs
 * a real redis-server. Its storage is formatted once with {@code kafka.tools.StorageTool}; {@link #stop()} and
 * {@link #start()} restart it on the same ports and data, {@link #kill()} crashes it (SIGKILL).
 *
 * <p>The class path is the file {@code target/kafka-broker.classpath} that the module's build writes
 * (maven-dependency-plugin build-classpath, see the pom): explicit, and independent of how Surefire passes its
 * own class path. The broker listens on 127.0.0.1 only, reaches nothing beyond it, and logs (Logback, INFO) to
 * {@code broker.log} in its directory; a start that fails quotes the log's tail.
 */
public final class KafkaProcess implements AutoCloseable {
    /** How long a start may take on a loaded 2-core machine (about 4 s when idle). */
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classPath;
    /** The SASL/PLAIN listener's port and its one user's name and password; 0 and nulls without one. */
    private final int saslPort;
    private final String saslUser;
    private final String saslPassword;
    private Process process;

    private KafkaProcess(Path dir, int port, int controllerPort, String classPath, int saslPort, String saslUser,
                         String saslPassword) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classPath = classPath;
        this.saslPort = saslPort;
        this.saslUser = saslUser;
        this.saslPassword = saslPassword;
    }

    /** Formats a new broker's storage in {@code dir} (the test's temporary directory) and starts it. */
    public static KafkaProcess start(Path dir) {
        return start(new KafkaProcess(dir, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), classPath(), 0, null,
                null));
    }

    /**
     * The same with a second listener, SASL_PLAINTEXT with the PLAIN mechanism at {@link #saslBootstrap()}, that
     * admits {@code user} with {@code password} only (the PLAINTEXT listener stays, for the test's own readers).
     */
    public static KafkaProcess startWithSasl(Path dir, String user, String password) {
        return start(new KafkaProcess(dir, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), classPath(),
                Ports.freeLoopbackPort(), user, password));
    }

    private static KafkaProcess start(KafkaProcess k) {
        Path dir = k.dir;
        try {
            Files.createDirectories(dir);
            k.writeConfig();
            k.format();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker in " + dir, e);
        }
        k.start();
        return k;
    }

    private static String classPath() {
        Path file = Path.of("target", "kafka-broker.classpath");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no " + file.toAbsolutePath() + ": build the module with Maven (its "
                    + "generate-test-resources phase writes the broker's class path)", e);
        }
    }

    private void writeConfig() throws IOException {
        String loopback = "127.0.0.1";
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + loopback + ":" + controllerPort);
        String sasl = saslPort == 0 ? "" : ",SASL_PLAINTEXT://" + loopback + ":" + saslPort;
        p.setProperty("listeners", "PLAINTEXT://" + loopback + ":" + port + ",CONTROLLER://" + loopback + ":"
                + controllerPort + sasl);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + loopback + ":" + port + sasl);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                + (saslPort == 0 ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT"));
        if (saslPort != 0) {
            p.setProperty("sasl.enabled.mechanisms", "PLAIN");
            p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    PlainLoginModule.class.getName() + " required user_" + saslUser + "=\""
                            + saslPassword + "\";");
        }
        p.setProperty("log.dirs", dir.resolve("data").toString());
        // One node: every internal topic with one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Tests create their topics: a typo must not create one silently.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        try (var out = Files.newBufferedWriter(config())) {
            p.store(out, "perpspot test broker (KafkaProcess)");
        }
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="org.apache.kafka.common.config" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    private Path config() {
        return dir.resolve("server.properties");
    }

    private Path log() {
        return dir.resolve("broker.log");
    }

    /** {@code StorageTool format}: without {@code --standalone}, as {@code controller.quorum.voters} is set. */
    private void format() {
        Process p = launch("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config().toString());
        try {
            if (!p.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("StorageTool format did not finish: " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted formatting the Kafka storage", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("StorageTool format exited with " + p.exitValue() + ": " + tail());
        }
    }

    private Process launch(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quiet: a test broker holds little; one GC thread on a shared 2-core machine.
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                "-Djava.net.preferIPv4Stack=true", "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", classPath, mainClass));
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /**
     * Starts the broker (again, after {@link #stop()} or {@link #kill()}) on its ports and data, and returns once an
     * Admin client sees it as the cluster's one node and controller.
     *
     * @throws IllegalStateException quoting the log's tail when it exits or is not ready in time
     */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        process = launch("kafka.Kafka", config().toString());
        try (Admin admin = admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"))) {
            boolean ready = Await.within(START_DEADLINE, () -> !process.isAlive() || ready(admin));
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ": " + tail());
            }
            if (!ready) {
                process.destroyForcibly();
                throw new IllegalStateException("the Kafka broker was not ready on " + bootstrap() + " within "
                        + START_DEADLINE.toSeconds() + " s: " + tail());
            }
        }
    }

    private static boolean ready(Admin admin) {
        try {
            var cluster = admin.describeCluster();
            return cluster.nodes().get(3, TimeUnit.SECONDS).size() == 1
                    && cluster.controller().get(3, TimeUnit.SECONDS) != null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the broker cleanly (SIGTERM: a controlled shutdown that closes its logs) and waits until it is gone. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitGone()) {
            process.destroyForcibly();
            waitGone();
        }
    }

    /** Kills the broker with SIGKILL (a crash) and waits until it is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitGone();
        }
    }

    private boolean waitGone() {
        try {
            return process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True while the broker's JVM runs. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** {@code 127.0.0.1:PORT} of the SASL_PLAINTEXT listener ({@link #startWithSasl} only). */
    public String saslBootstrap() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker has no SASL listener (KafkaProcess.startWithSasl)");
        }
        return "127.0.0.1:" + saslPort;
    }

    /** {@code 127.0.0.1:PORT}, the clients' {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** An Admin client of this broker with {@code extra} settings; the caller closes it. */
    public Admin admin(Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>(extra);
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(c);
    }

    /** The broker's directory (its config, data and {@code broker.log}). */
    public Path dir() {
        return dir;
    }

    /** The last lines of {@code broker.log}. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
