package io.perpspot.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads configuration: the shipped defaults ({@code config/perpspot.yaml}, bundled in the jar),
 * then the user's file on top, then {@code --set key=value} overrides. Anything unknown,
 * mistyped or impossible stops with a one-line {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
    /** Class-path location of the bundled copy of {@code config/perpspot.yaml}. */
    public static final String DEFAULTS_RESOURCE = "/perpspot-defaults/perpspot.yaml";

    private ConfigLoader() {
    }

    /** Defaults only. */
    public static Config defaults() {
        return load(null, List.of());
    }

    /**
     * Loads defaults, then {@code file} (may be null), then {@code sets} ({@code key=value}).
     */
    public static Config load(Path file, List<String> sets) {
        Map<String, Object> raw = new LinkedHashMap<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("config: the bundled defaults " + DEFAULTS_RESOURCE
                        + " are missing from the jar");
            }
            flatten(readYaml(in, "built-in defaults"), "", raw, "built-in defaults");
        } catch (IOException e) {
            throw new ConfigException("config: cannot read built-in defaults: " + e.getMessage());
        }
        // The defaults file itself must only hold known keys.
        for (String k : raw.keySet()) {
            if (Settings.byName(k) == null) {
                throw new ConfigException("config: unknown key '" + k + "' in built-in defaults");
            }
        }
        String origin = "built-in defaults";
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config: file not found: " + file);
            }
            Map<String, Object> user = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode tree = readYaml(in, file.toString());
                if (tree != null && !tree.isNull()) {
                    flatten(tree, "", user, file.toString());
                }
            } catch (IOException e) {
                throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
            }
            for (Map.Entry<String, Object> e : user.entrySet()) {
                requireKnown(e.getKey(), "in " + file);
                raw.put(e.getKey(), e.getValue());
            }
            origin = file.toString();
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("config: --set expects key=value, got '" + set + "'");
            }
            String key = set.substring(0, eq).trim();
            requireKnown(key, "in --set");
            raw.put(key, set.substring(eq + 1).trim());
            origin += " + --set " + key;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (ConfigKey<?> key : Settings.all()) {
            if (!raw.containsKey(key.name())) {
                throw new ConfigException("config: " + key.name() + ": no default in config/perpspot.yaml");
            }
            Object v = key.parse(raw.get(key.name()));
            values.put(key.name(), v);
            texts.put(key.name(), textOf(v));
        }
        return checkCrossKeys(new Config(values, texts, origin));
    }

    static Config checkCrossKeys(Config c) {
        if (c.get(Settings.Z_MIN_SAMPLES) > c.get(Settings.Z_WINDOW)) {
            throw new ConfigException("config: strategy.zscore.min-samples: must not exceed strategy.zscore.window ("
                    + c.get(Settings.Z_WINDOW) + "), got '" + c.get(Settings.Z_MIN_SAMPLES) + "'");
        }
        if (c.get(Settings.BACKOFF_INITIAL).compareTo(c.get(Settings.BACKOFF_MAX)) > 0) {
            throw new ConfigException("config: feeds.backoff.initial: must not exceed feeds.backoff.max ("
                    + Durations.format(c.get(Settings.BACKOFF_MAX)) + "), got '"
                    + Durations.format(c.get(Settings.BACKOFF_INITIAL)) + "'");
        }
        return c;
    }

    static String textOf(Object v) {
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(o);
            }
            return sb.toString();
        }
        return String.valueOf(v);
    }

    private static void requireKnown(String key, String where) {
        if (Settings.byName(key) != null) {
            return;
        }
        String hint = closest(key);
        throw new ConfigException("config: unknown key '" + key + "' " + where
                + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
    }

    private static String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> k : Settings.all()) {
            int d = distance(key, k.name());
            if (d < bestDistance) {
                bestDistance = d;
                best = k.name();
            }
        }
        return bestDistance <= Math.max(2, key.length() / 5) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static JsonNode readYaml(InputStream in, String where) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return yaml.readTree(in);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException("config: " + where + " is not valid YAML: " + msg);
        }
    }

    private static void flatten(JsonNode node, String prefix, Map<String, Object> out, String where) {
        if (node == null || node.isNull()) {
            if (!prefix.isEmpty()) {
                out.put(prefix, null);
            }
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                flatten(e.getValue(), key, out, where);
            }
            return;
        }
        if (prefix.isEmpty()) {
            throw new ConfigException("config: " + where + ": expected a mapping of keys at the top level");
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode n : node) {
                if (n.isContainerNode()) {
                    throw new ConfigException("config: " + prefix + ": expected a list of plain values in " + where);
                }
                items.add(n.isNull() ? null : n.asText());
            }
            out.put(prefix, items);
            return;
        }
        out.put(prefix, node.asText());
    }
}
