package io.perpspot.engine.metrics;

/**
 * The answer of a health check ({@code /healthz}, {@code /readyz}): 200 when {@code ok}, else 503,
 * with a JSON body saying why.
 *
 * @param ok   the check passed
 * @param json the body, one JSON object
 */
public record Verdict(boolean ok, String json) {
}
