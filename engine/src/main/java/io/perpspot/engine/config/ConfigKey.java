package io.perpspot.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configuration key: its dotted name, what it accepts, and how text becomes a value.
 * All keys are declared in {@link Settings}; {@code config/perpspot.yaml} gives each its default.
 */
public final class ConfigKey<T> {
    /** Turns raw YAML text (or a list of texts) into a value, or throws a one-line {@link ConfigException}. */
    interface Parser<T> {
        T parse(ConfigKey<T> key, Object raw);
    }

    private final String name;
    private final String expected;
    private final Parser<T> parser;

    private ConfigKey(String name, String expected, Parser<T> parser) {
        this.name = name;
        this.expected = expected;
        this.parser = parser;
    }

    /** The dotted name, as YAML and {@code --set} spell it (e.g. {@code strategy.entry.min-abs-z}). */
    public String name() {
        return name;
    }

    /** What this key accepts, for messages and documentation. */
    public String expected() {
        return expected;
    }

    T parse(Object raw) {
        if (raw == null) {
            throw bad("a value", "nothing");
        }
        return parser.parse(this, raw);
    }

    @Override
    public String toString() {
        return name;
    }

    ConfigException bad(String what, Object got) {
        return new ConfigException("config: " + name + ": expected " + what + ", got '" + got + "'");
    }

    ConfigException impossible(String rule, Object got) {
        return new ConfigException("config: " + name + ": " + rule + ", got '" + got + "'");
    }

    private String scalar(Object raw) {
        if (raw instanceof List<?>) {
            throw bad("a single value", raw);
        }
        return raw.toString().trim();
    }

    private long integerIn(Object raw, long min, long max) {
        String s = scalar(raw);
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad("an integer", s);
        }
        if (v < min || v > max) {
            throw impossible("must be in [" + min + ", " + max + "]", s);
        }
        return v;
    }

    // ---- factories -------------------------------------------------------------------------

    static ConfigKey<String> string(String name) {
        return new ConfigKey<>(name, "text", (k, raw) -> k.scalar(raw));
    }

    static ConfigKey<Integer> integer(String name, int min, int max) {
        return new ConfigKey<>(name, "an integer in [" + min + ", " + max + "]",
                (k, raw) -> (int) k.integerIn(raw, min, max));
    }

    static ConfigKey<Long> longValue(String name, long min, long max) {
        return new ConfigKey<>(name, "an integer in [" + min + ", " + max + "]",
                (k, raw) -> k.integerIn(raw, min, max));
    }

    static ConfigKey<Integer> powerOfTwo(String name, int min, int max) {
        return new ConfigKey<>(name, "a power of two in [" + min + ", " + max + "]", (k, raw) -> {
            int v = (int) k.integerIn(raw, min, max);
            if (Integer.bitCount(v) != 1) {
                throw k.impossible("must be a power of two", v);
            }
            return v;
        });
    }

    static ConfigKey<Double> decimal(String name, double min, double max) {
        return new ConfigKey<>(name, "a number in [" + min + ", " + max + "]", (k, raw) -> {
            String s = k.scalar(raw);
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw k.bad("a number", s);
            }
            if (!Double.isFinite(v)) {
                throw k.bad("a finite number", s);
            }
            if (v < min || v > max) {
                throw k.impossible("must be in [" + min + ", " + max + "]", s);
            }
            return v;
        });
    }

    static ConfigKey<Boolean> bool(String name) {
        return new ConfigKey<>(name, "true or false", (k, raw) -> {
            String s = k.scalar(raw).toLowerCase(Locale.ROOT);
            if (s.equals("true")) {
                return true;
            }
            if (s.equals("false")) {
                return false;
            }
            throw k.bad("true or false", s);
        });
    }

    static ConfigKey<Duration> duration(String name, Duration min, Duration max) {
        String range = "[" + Durations.format(min) + ", " + Durations.format(max) + "]";
        return new ConfigKey<>(name, "a duration like 500ms, 30s or 5m in " + range, (k, raw) -> {
            String s = k.scalar(raw);
            Duration d = Durations.parse(s);
            if (d == null) {
                throw k.bad("a duration like 500ms, 30s or 5m", s);
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw k.impossible("must be in " + range, s);
            }
            return d;
        });
    }

    static ConfigKey<String> choice(String name, Set<String> choices) {
        return new ConfigKey<>(name, "one of " + sorted(choices), (k, raw) -> {
            String s = k.scalar(raw);
            if (!choices.contains(s)) {
                throw k.bad("one of " + sorted(choices), s);
            }
            return s;
        });
    }

    /** Text matching {@code regex} (the empty text too when {@code emptyAllowed}); {@code what} names the form. */
    static ConfigKey<String> matching(String name, String regex, String what, boolean emptyAllowed) {
        return new ConfigKey<>(name, what, (k, raw) -> {
            String s = k.scalar(raw);
            if (!(s.isEmpty() && emptyAllowed) && !s.matches(regex)) {
                throw k.bad(what, s);
            }
            return s;
        });
    }

    /** A {@link Shard}: {@code all} or {@code K/N} with 1 <= K <= N. */
    static ConfigKey<Shard> shard(String name) {
        return new ConfigKey<>(name, "all or K/N (shard K of N, 1 <= K <= N)", (k, raw) -> {
            String s = k.scalar(raw);
            Shard shard = Shard.parse(s);
            if (shard == null) {
                throw k.bad("all or K/N (shard K of N, 1 <= K <= N)", s);
            }
            return shard;
        });
    }

    /** A byte size: an integer with an optional KB, MB or GB suffix (powers of 1024). */
    static ConfigKey<Long> bytes(String name, long min, long max) {
        return new ConfigKey<>(name, "a size like 64MB or 1GB in [" + min + ", " + max + "] bytes", (k, raw) -> {
            String s = k.scalar(raw).toUpperCase(Locale.ROOT).replace(" ", "");
            long unit = 1;
            if (s.endsWith("KB")) {
                unit = 1L << 10;
            } else if (s.endsWith("MB")) {
                unit = 1L << 20;
            } else if (s.endsWith("GB")) {
                unit = 1L << 30;
            }
            String digits = unit == 1 ? s : s.substring(0, s.length() - 2);
            long v;
            try {
                v = Math.multiplyExact(Long.parseLong(digits), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw k.bad("a size like 64MB or 1GB", k.scalar(raw));
            }
            if (v < min || v > max) {
                throw k.impossible("must be in [" + min + ", " + max + "] bytes", k.scalar(raw));
            }
            return v;
        });
    }

    /** A list of URLs in order of preference; on {@code --set} the list is comma-separated. */
    static ConfigKey<List<String>> urls(String name, Set<String> schemes) {
        return new ConfigKey<>(name, "a list of " + sorted(schemes) + " URLs", (k, raw) -> {
            List<String> items = new ArrayList<>();
            if (raw instanceof List<?> list) {
                for (Object o : list) {
                    items.add(o == null ? "" : o.toString().trim());
                }
            } else {
                for (String part : raw.toString().split(",")) {
                    items.add(part.trim());
                }
            }
            items.removeIf(String::isEmpty);
            if (items.isEmpty()) {
                throw k.impossible("needs at least one URL", raw);
            }
            for (String u : items) {
                k.checkUrl(u, schemes);
            }
            return List.copyOf(items);
        });
    }

    /** A list of names from a fixed set (may be empty); on {@code --set} the list is comma-separated. */
    static ConfigKey<List<String>> names(String name, Set<String> allowed) {
        return new ConfigKey<>(name, "a list of names from " + sorted(allowed), (k, raw) -> {
            List<String> items = k.items(raw);
            for (String u : items) {
                if (!allowed.contains(u)) {
                    throw k.bad("names from " + sorted(allowed), u);
                }
            }
            return List.copyOf(items);
        });
    }

    /** A non-empty list of integers in [min, max]; on {@code --set} the list is comma-separated. */
    static ConfigKey<List<Long>> longs(String name, long min, long max) {
        return new ConfigKey<>(name, "a list of integers in [" + min + ", " + max + "]", (k, raw) -> {
            List<Long> out = new ArrayList<>();
            for (String item : k.items(raw)) {
                out.add(k.integerIn(item, min, max));
            }
            if (out.isEmpty()) {
                throw k.impossible("needs at least one value", raw);
            }
            return List.copyOf(out);
        });
    }

    private List<String> items(Object raw) {
        List<String> items = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                items.add(o == null ? "" : o.toString().trim());
            }
        } else if (raw != null) {
            for (String part : raw.toString().split(",")) {
                items.add(part.trim());
            }
        }
        items.removeIf(String::isEmpty);
        return items;
    }

    /** One URL. */
    static ConfigKey<String> url(String name, Set<String> schemes) {
        return new ConfigKey<>(name, "a " + sorted(schemes) + " URL", (k, raw) -> {
            String s = k.scalar(raw);
            k.checkUrl(s, schemes);
            return s;
        });
    }

    /**
     * One URL that may carry a password ({@code scheme://user:password@host}): it is checked like
     * {@link #url}, but an error message shows it with the user information replaced by {@code ***}.
     */
    static ConfigKey<String> secretUrl(String name, Set<String> schemes) {
        return new ConfigKey<>(name, "a " + sorted(schemes) + " URL", (k, raw) -> {
            String s = k.scalar(raw);
            URI uri;
            try {
                uri = new URI(s);
            } catch (Exception e) {
                throw k.bad("a URL", redactUserInfo(s));
            }
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw k.bad("a " + sorted(schemes) + " URL", redactUserInfo(s));
            }
            return s;
        });
    }

    /** The text with anything between {@code ://} and the last {@code @} of the authority replaced by {@code ***}. */
    public static String redactUserInfo(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        int from = start < 0 ? 0 : start + 3;
        int end = url.length();
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < from) {
            return url;
        }
        return url.substring(0, from) + "***" + url.substring(at);
    }

    private void checkUrl(String u, Set<String> schemes) {
        URI uri;
        try {
            uri = new URI(u);
        } catch (Exception e) {
            throw bad("a URL", u);
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw bad("a " + sorted(schemes) + " URL", u);
        }
    }

    private static String sorted(Set<String> items) {
        return String.join("|", new TreeSet<>(items));
    }
}
