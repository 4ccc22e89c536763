package io.perpspot.dashboard.push;

import io.perpspot.dashboard.state.MarketView;
import io.perpspot.dashboard.state.TokenRow;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one browser asked the push channel for ({@code /ws?interval=MS&tokens=A,B&fields=f,g&sizes=1}, or the
 * same keys in a {@code {"t":"subscribe",...}} message later): how often (within the server's bounds), which
 * tokens' rows (null: all; opportunities and sources always come), which row fields (null: all; {@code
 * symbol} always) and which overview sizes of the row's {@code slippage} list (null: all; the others are
 * sent as null).
 *
 * @param intervalMs how often this browser gets a message, in [the server's push interval, {@link #MAX_INTERVAL_MS}]
 */
public record Subscription(long intervalMs, Set<String> tokens, Set<String> fields, Set<Integer> sizes) {
    /** The slowest push a browser may ask for. */
    public static final long MAX_INTERVAL_MS = 10_000;
    /** The fields of a row ({@link TokenRow}'s components, in order). */
    public static final Set<String> FIELDS = Arrays.stream(TokenRow.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toCollection(LinkedHashSet::new));

    /** Everything at the server's interval (a client that asks for nothing). */
    static Subscription all(long intervalMs) {
        return new Subscription(intervalMs, null, null, null);
    }

    /**
     * Reads {@code interval}, {@code tokens}, {@code fields} and {@code sizes} from {@code param} (null: not
     * given); an interval outside the bounds is clamped to them.
     *
     * @throws IllegalArgumentException (one line naming the parameter) for a value that is not understood
     */
    static Subscription parse(Function<String, String> param, long baseMs) {
        long interval = baseMs;
        String i = param.apply("interval");
        if (i != null && !i.isBlank()) {
            try {
                interval = Math.max(baseMs, Math.min(MAX_INTERVAL_MS, Long.parseLong(i.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("interval must be an integer of milliseconds");
            }
        }
        Set<String> fields = list(param.apply("fields"));
        if (fields != null) {
            for (String f : fields) {
                if (!FIELDS.contains(f)) {
                    throw new IllegalArgumentException("fields: unknown field '" + clip(f) + "'");
                }
            }
        }
        Set<String> sizeTexts = list(param.apply("sizes"));
        Set<Integer> sizes = null;
        if (sizeTexts != null) {
            sizes = new TreeSet<>();
            for (String s : sizeTexts) {
                if (s.equals("none")) {
                    continue;
                }
                try {
                    int n = Integer.parseInt(s);
                    if (n < 0 || n >= MarketView.SIZES_USD.length) {
                        throw new NumberFormatException();
                    }
                    sizes.add(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sizes: expected indices 0.." + (MarketView.SIZES_USD.length - 1)
                            + " of the overview sizes, or none; got '" + clip(s) + "'");
                }
            }
        }
        return new Subscription(interval, list(param.apply("tokens")), fields, sizes);
    }

    private static Set<String> list(String csv) {
        if (csv == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Whether this browser wants the row of {@code symbol}. */
    boolean wants(String symbol) {
        return tokens == null || tokens.contains(symbol);
    }

    /** Whether two subscriptions project a row alike (fields and sizes): they can share a patch. */
    boolean sameShape(Subscription o) {
        return Objects.equals(fields, o.fields) && Objects.equals(sizes, o.sizes);
    }

    /** A key of the row shape (fields and sizes), for patches shared by browsers that see rows alike. */
    String shapeKey() {
        return (fields == null ? "*" : String.join(",", fields)) + "|" + (sizes == null ? "*" : sizes.toString());
    }
}
