package io.perpspot.engine.exec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.core.VenuePair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The execution templates of {@code config/templates.yaml}: the shipped ones ("SOL Scalping", "SOL Carry",
 * "ETH Conservative", "BTC Large Size") and the user's, in one list. Immutable; {@link #with}
 * and {@link #without} return changed copies and {@link #write} saves one.
 *
 * <pre>
 * templates:
 *   - name: SOL Scalping
 *     token: SOL
 *     notional-usd: 1000
 *     max-latency: 2s
 *     min-spread-bps: 30
 *     funding-threshold-bps: 0.5
 *     direction: auto            # auto | short-perp | long-perp
 *     risk-multiplier: 1.0
 *     holding-horizon: 1h        # optional; default execution.holding-horizon
 *     pair: perp-jupiter         # optional: perp-jupiter (default) | perp-hlspot | hlspot-jupiter
 * </pre>
 *
 * A file that is not valid YAML, has an unknown or missing field, a bad value or two templates
 * of the same name is refused with one line ({@link ConfigException}) naming the file, the
 * template and the field.
 */
public final class Templates {
    /** Class-path location of the shipped {@code config/templates.yaml}. */
    public static final String DEFAULTS_RESOURCE = "/perpspot-defaults/templates.yaml";

    private static final Set<String> FIELDS = Set.of("name", "token", "notional-usd", "max-latency", "min-spread-bps",
            "funding-threshold-bps", "direction", "risk-multiplier", "holding-horizon", "pair");
    private static final Set<String> REQUIRED = Set.of("name", "token", "notional-usd", "max-latency", "min-spread-bps",
            "funding-threshold-bps", "direction", "risk-multiplier");

    private final Map<String, Template> byName;

    private Templates(Map<String, Template> byName) {
        this.byName = byName;
    }

    /** No templates (a user templates file not written yet). */
    public static Templates empty() {
        return new Templates(new LinkedHashMap<>());
    }

    /**
     * One template from a JSON object with the fields of a templates file (the dashboard's
     * {@code POST /api/templates}), checked by the same rules.
     *
     * @throws ConfigException with a message {@code "template: FIELD: ..."} naming the field at fault
     */
    public static Template fromJson(JsonNode n) {
        return template(n, "template: ");
    }

    /** Reads a templates file. */
    public static Templates load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("templates: file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("templates: cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@code $PERPSPOT_HOME/config/templates.yaml} (system property {@code perpspot.home} or the
     * environment) when it exists, else the copy shipped in the jar.
     */
    public static Templates loadDefault() {
        String home = System.getProperty("perpspot.home", System.getenv("PERPSPOT_HOME"));
        if (home != null) {
            Path p = Path.of(home, "config", "templates.yaml");
            if (Files.isRegularFile(p)) {
                return load(p);
            }
        }
        try (InputStream in = Templates.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("templates: the bundled " + DEFAULTS_RESOURCE + " is missing from the jar");
            }
            return parse(in, "built-in templates.yaml");
        } catch (IOException e) {
            throw new ConfigException("templates: cannot read built-in templates.yaml: " + e.getMessage());
        }
    }

    /** Parses templates YAML from a stream; {@code where} names it in messages. */
    public static Templates parse(InputStream in, String where) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException("templates: " + where + " is not valid YAML: " + msg);
        }
        if (root == null || !root.isObject() || !root.has("templates")) {
            throw new ConfigException("templates: " + where + ": expected a top-level 'templates:' list");
        }
        Iterator<String> top = root.fieldNames();
        while (top.hasNext()) {
            String k = top.next();
            if (!k.equals("templates")) {
                throw new ConfigException("templates: " + where + ": unknown top-level key '" + k
                        + "' (expected only 'templates')");
            }
        }
        JsonNode list = root.get("templates");
        if (!list.isArray()) {
            throw new ConfigException("templates: " + where + ": 'templates' must be a list of templates");
        }
        Map<String, Template> byName = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : list) {
            i++;
            String label = "template " + i + (n.hasNonNull("name") ? " ('" + n.get("name").asText() + "')" : "");
            Template t = template(n, "templates: " + where + ": " + label + ": ");
            if (byName.put(t.name(), t) != null) {
                throw new ConfigException("templates: " + where + ": " + label + ": name: duplicate template name '"
                        + t.name() + "'");
            }
        }
        return new Templates(byName);
    }

    private static Template template(JsonNode n, String prefix) {
        if (!n.isObject()) {
            throw new ConfigException(prefix + "expected a mapping of fields");
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new ConfigException(prefix + "unknown field '" + f + "' (fields: "
                        + String.join(", ", new TreeSet<>(FIELDS)) + ")");
            }
        }
        for (String f : REQUIRED) {
            if (!n.hasNonNull(f)) {
                throw new ConfigException(prefix + f + ": missing");
            }
        }
        for (String f : FIELDS) {
            if (n.has(f) && n.get(f).isContainerNode()) {
                throw new ConfigException(prefix + f + ": expected a single value, got '" + n.get(f) + "'");
            }
        }
        String dir = n.get("direction").asText();
        DirectionPolicy policy = DirectionPolicy.of(dir);
        if (policy == null) {
            throw new ConfigException(prefix + "direction: expected auto, short-perp or long-perp, got '" + dir + "'");
        }
        try {
            return new Template(n.get("name").asText().trim(), n.get("token").asText().trim(),
                    number(n, "notional-usd", prefix), duration(n, "max-latency", prefix),
                    number(n, "min-spread-bps", prefix), number(n, "funding-threshold-bps", prefix), policy,
                    number(n, "risk-multiplier", prefix),
                    n.hasNonNull("holding-horizon") ? duration(n, "holding-horizon", prefix) : null,
                    n.hasNonNull("pair") ? n.get("pair").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + e.getMessage());
        }
    }

    private static double number(JsonNode n, String f, String prefix) {
        String s = n.get(f).asText().trim();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ConfigException(prefix + f + ": expected a number, got '" + s + "'");
    }

    private static Duration duration(JsonNode n, String f, String prefix) {
        String s = n.get(f).asText().trim();
        Duration d = Durations.parse(s);
        if (d == null) {
            throw new ConfigException(prefix + f + ": expected a duration like 500ms, 2s or 8h, got '" + s + "'");
        }
        return d;
    }

    /** Every template in file order. */
    public List<Template> all() {
        return List.copyOf(byName.values());
    }

    /** The template of that name. @throws ExecutionException naming {@code template} with the known names */
    public Template get(String name) {
        Template t = byName.get(name);
        if (t == null) {
            throw new ExecutionException("template", "unknown template '" + name + "' (known: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return t;
    }

    /** Whether a template has that name. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The templates for a token, in file order. */
    public List<Template> forToken(String token) {
        List<Template> out = new ArrayList<>();
        for (Template t : byName.values()) {
            if (t.token().equals(token)) {
                out.add(t);
            }
        }
        return out;
    }

    /** A copy with {@code t} added, or replacing the template of the same name. */
    public Templates with(Template t) {
        Map<String, Template> m = new LinkedHashMap<>(byName);
        m.put(t.name(), t);
        return new Templates(m);
    }

    /** A copy without the template of that name. @throws ExecutionException if there is none */
    public Templates without(String name) {
        get(name);
        Map<String, Template> m = new LinkedHashMap<>(byName);
        m.remove(name);
        return new Templates(m);
    }

    /** Every template as a JSON array (durations as ISO-8601 text), for other processes (the cache). */
    public String json() {
        try {
            return new ObjectMapper().registerModule(new SimpleModule().addSerializer(Duration.class,
                    new ToStringSerializer())).writeValueAsString(all());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("templates: cannot write JSON", e);
        }
    }

    /**
     * Writes these templates as a templates file (readable by {@link #load}): its directory made if
     * missing, the file replaced atomically (a reader never sees half a file).
     */
    public void write(Path file) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Template t : byName.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("token", t.token());
            m.put("notional-usd", t.notionalUsd());
            m.put("max-latency", Durations.format(t.maxLatency()));
            m.put("min-spread-bps", t.minSpreadBps());
            m.put("funding-threshold-bps", t.fundingThresholdBps());
            m.put("direction", t.direction().text());
            m.put("risk-multiplier", t.riskMultiplier());
            if (t.holdingHorizon() != null) {
                m.put("holding-horizon", Durations.format(t.holdingHorizon()));
            }
            if (t.pairCode() != VenuePair.PERP_JUPITER) {
                m.put("pair", t.pair());
            }
            list.add(m);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, "# perpspot execution templates (see config/templates.yaml for the fields)\n"
                    + yaml.writeValueAsString(Map.of("templates", list)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("templates: cannot write " + file, e);
        }
    }
}
