package io.perpspot.engine.feed.sim;

/**
 * Ways the Jupiter sim can spoil an otherwise good 200 answer (fault injection from tests):
 * each keeps the status and headers and changes only the body.
 */
public enum JupiterGarbage {
    /** The body cut in the middle (a connection lost mid-answer behind a proxy). */
    TRUNCATED,
    /** An HTML error page instead of JSON. */
    NOT_JSON,
    /** Prices as arrays, raw amounts as numbers instead of strings. */
    WRONG_TYPES,
    /** Prices of 0 and quotes that return nothing. */
    ZERO_PRICE,
    /** NaN-like strings where numbers belong. */
    NAN_PRICE,
    /** The answer padded with an unknown key to several megabytes. */
    HUGE,
    /** A lagging replica: blockId / contextSlot from long ago. */
    STALE;

    static final int HUGE_BYTES = 3 << 20;

    /** The spoiled version of a good body of {@code path}. */
    String apply(String path, String body) {
        boolean quote = path.startsWith("/swap/");
        return switch (this) {
            case TRUNCATED -> body.substring(0, body.length() / 2);
            case NOT_JSON -> "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";
            case WRONG_TYPES -> quote ? body.replaceAll("\"(inAmount|outAmount)\":\"(\\d+)\"", "\"$1\":$2")
                    : body.replaceAll("\"usdPrice\":([^,}]+)", "\"usdPrice\":[$1]");
            case ZERO_PRICE -> quote ? body.replaceAll("\"outAmount\":\"\\d+\"", "\"outAmount\":\"0\"")
                    : body.replaceAll("\"usdPrice\":([^,}]+)", "\"usdPrice\":0");
            case NAN_PRICE -> quote ? body.replaceAll("\"priceImpactPct\":\"[^\"]*\"", "\"priceImpactPct\":\"NaN\"")
                    : body.replaceAll("\"usdPrice\":([^,}]+)", "\"usdPrice\":\"NaN\"");
            case HUGE -> {
                StringBuilder sb = new StringBuilder(HUGE_BYTES + body.length() + 32);
                sb.append(body, 0, body.length() - 1).append(body.length() > 2 ? "," : "").append("\"padding\":\"");
                while (sb.length() < HUGE_BYTES) {
                    sb.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
                }
                yield sb.append("\"}").toString();
            }
            case STALE -> quote ? body.replaceAll("\"contextSlot\":\\d+", "\"contextSlot\":1")
                    : body.replaceAll("\"blockId\":\\d+", "\"blockId\":1");
        };
    }
}
