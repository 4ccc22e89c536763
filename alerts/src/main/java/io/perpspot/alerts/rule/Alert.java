package io.perpspot.alerts.rule;

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

    /** The human text (Slack, Discord, replay): what, where, the numbers, when and the link, on one line. */
    public String text() {
        StringJoiner nums = new StringJoiner(", ");
        numbers.forEach((k, v) -> nums.add(k + " " + v));
        String where = token != null ? token : source;
        return "perpspot [" + rule + "] " + what + (where == null ? "" : " (" + where + ")") + ": " + nums
                + " at " + time() + " - " + link;
    }
}
