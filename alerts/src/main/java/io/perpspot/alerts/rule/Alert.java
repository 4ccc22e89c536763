package io.perpspot.alerts.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One alert decided from journaled records: what happened, where (a token or a source), the numbers, when (event
 * time) and a dashboard link.
 *
 * @param rule the rule's name in the alerts file
 * @param kind the rule's kind ({@code opportunity}, {@code failover})
 * @param what one line saying what happened
 * @param token the token's symbol, or null
 * @param source the source's journal name, or null
 * @param numbers the figures behind it, in a stable order
 * @param timeNanos event time of the record that fired it, epoch nanoseconds
 * @param link the dashboard's address
 */
public record Alert(String rule, String kind, String what, String token, String source, Map<String, Object> numbers,
        long timeNanos, String link) {

    /** Event time as an instant. */
    public Instant time() {
        return Instant.ofEpochSecond(0, timeNanos);
    }

    /** A figure as people read it: {@code 0.000025555526}, not {@code 2.5555526E-5}. */
    private static String plain(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /**
     * The human text (Slack, Discord, replay): what, where, the numbers, when and the link, on one line; the JSON sink
     * has every figure, this text leaves out a word figure the sentence already names.
     */
    public String text() {
        StringJoiner nums = new StringJoiner(", ");
        numbers.forEach((k, v) -> {
            // A name the sentence already gives in brackets, such as an opportunity's "(perp-hlspot)", is said once.
            if (!(v instanceof String s && what.contains("(" + s + ")"))) {
                nums.add(k + " " + plain(v));
            }
        });
        String where = token != null ? token : source;
        // "opportunity ... on SOL" already says where; a failover's "now on fallback source X" too.
        boolean said = where == null || what.endsWith(" " + where) || what.contains(" " + where + " ");
        return "perpspot [" + rule + "] " + what + (said ? "" : " (" + where + ")")
                + (numbers.isEmpty() ? "" : ": " + nums)
                + " at " + time() + " - " + link;
    }
}
