package io.perpspot.mirror.kafka;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The mirror's settings ({@code mirror.kafka.*}) and the Kafka client configurations made from them: the
 * properties file's entries first (TLS, SASL), then what the mirror's exactness depends on, which it cannot
 * override.
 */
public record MirrorSettings(String bootstrap, String topicPrefix, Map<String, Object> client, Duration drainTimeout) {
    private static final Pattern VARIABLE = Pattern.compile("(\\$\\$\\{)|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** Client settings from the properties file are read once; the map is not logged (it may hold secrets). */
    public MirrorSettings {
        client = Map.copyOf(client);
    }

    /** The settings of a validated configuration, secrets from the process environment. */
    public static MirrorSettings from(Config c) {
        return from(c, System.getenv());
    }

    /**
     * The settings of a validated configuration. Every {@code ${NAME}} in a value of the {@code
     * mirror.kafka.properties} file is replaced by the environment variable {@code NAME} of {@code env}, so the file
     * names its secrets (a SASL password in {@code sasl.jaas.config}, a key store password) without holding them.
     *
     * @throws ConfigException when {@code mirror.kafka.properties} names a file that cannot be read, or a value names
     *         a variable {@code env} does not set (the message names the key and the variable, never a value)
     */
    public static MirrorSettings from(Config c, Map<String, String> env) {
        String file = c.get(Settings.MIRROR_KAFKA_PROPERTIES);
        Map<String, Object> client = new HashMap<>();
        if (!file.isEmpty()) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("config: mirror.kafka.properties: cannot read '" + file + "': "
                        + e.getMessage());
            }
            p.forEach((k, v) -> client.put(k.toString(), expand(k.toString(), v.toString(), env)));
        }
        return new MirrorSettings(c.get(Settings.MIRROR_KAFKA_BOOTSTRAP).trim(), c.get(Settings.MIRROR_KAFKA_PREFIX),
                client, c.get(Settings.MIRROR_KAFKA_DRAIN));
    }

    /** {@code value} with each {@code ${NAME}} replaced by {@code env}'s NAME; {@code $${} stands for a literal. */
    static String expand(String key, String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "${";
            } else {
                replacement = env.get(m.group(2));
                if (replacement == null) {
                    throw new ConfigException("config: mirror.kafka.properties: " + key + " names ${" + m.group(2)
                            + "}, which the environment does not set");
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(sb).toString();
    }

    /** Names the client settings' keys only: their values may be secrets. */
    @Override
    public String toString() {
        return "MirrorSettings[bootstrap=" + bootstrap + ", topicPrefix=" + topicPrefix + ", client keys="
                + new TreeSet<>(client.keySet()) + ", drainTimeout=" + drainTimeout + "]";
    }

    /** True when a bootstrap is set: the mirror runs. */
    public boolean enabled() {
        return !bootstrap.isEmpty();
    }

    /** {@code <prefix>.input}: the input queue's records. */
    public String inputTopic() {
        return topicPrefix + ".input";
    }

    /** {@code <prefix>.output}: the output queue's records. */
    public String outputTopic() {
        return topicPrefix + ".output";
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> m = new HashMap<>(client);
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        // KIP-714 client telemetry goes to the broker only; the mirror sends nothing but records.
        m.put(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG, "false");
        return m;
    }

    /**
     * The producer: idempotent with {@code acks=all}, so retries never duplicate nor reorder a record; batches never
     * expire (a broker outage holds them until it returns, and a full buffer makes {@code send} time out after
     * {@code max.block.ms} without accepting the record, which the mirror offers again later: the journal is the
     * buffer); lz4-compressed batches of up to 256 KiB, lingering 20 ms.
     */
    Map<String, Object> producer(String engineId) {
        Map<String, Object> m = common("perpspot-mirror-" + engineId);
        m.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        m.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        m.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        m.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(32L << 20));
        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        m.put(ProducerConfig.ACKS_CONFIG, "all");
        m.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        m.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        m.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        m.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        m.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        m.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return m;
    }

    /** A consumer that reads back what this engine produced (no group, no committed offsets). */
    Map<String, Object> consumer(String engineId) {
        Map<String, Object> m = common("perpspot-mirror-resume-" + engineId);
        m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        m.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        m.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return m;
    }

    /** An admin client (topics: create when missing, count partitions). */
    Map<String, Object> admin(String engineId) {
        Map<String, Object> m = common("perpspot-mirror-admin-" + engineId);
        m.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        m.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return m;
    }
}
