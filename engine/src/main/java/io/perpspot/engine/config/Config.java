package io.perpspot.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated, immutable configuration: every key of {@link Settings} with a typed value.
 * Built by {@link ConfigLoader}; {@link #with} derives a copy with one key changed.
 */
public final class Config {
    private final Map<String, Object> values;
    private final Map<String, String> texts;
    private final String origin;

    Config(Map<String, Object> values, Map<String, String> texts, String origin) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        this.origin = origin;
    }

    /** The typed value of a key. */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(key.name());
        if (v == null) {
            throw new ConfigException("config: " + key.name() + ": no value");
        }
        return (T) v;
    }

    /** The value as text (lists comma-separated), as it would be written with {@code --set}. */
    public String text(ConfigKey<?> key) {
        return texts.get(key.name());
    }

    /** A copy with one key set from text, validated like {@code --set}. */
    public Config with(ConfigKey<?> key, String text) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, String> t = new LinkedHashMap<>(texts);
        Object parsed = key.parse(text);
        v.put(key.name(), parsed);
        t.put(key.name(), ConfigLoader.textOf(parsed));
        return ConfigLoader.checkCrossKeys(new Config(v, t, origin));
    }

    /** Where the values came from, for the start-up log. */
    public String origin() {
        return origin;
    }

    /** {@code key=value} lines for every key whose name starts with the prefix, in declaration order. */
    public String section(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
