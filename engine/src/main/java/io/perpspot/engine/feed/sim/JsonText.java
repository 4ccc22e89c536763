package io.perpspot.engine.feed.sim;

/**
 * Writes JSON text by hand: the sim must control key order and number text exactly, which a
 * serializer would not promise.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends a JSON string literal, or {@code null} for a null string. */
    static StringBuilder string(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** Appends {@code "key":} (with a leading comma unless first). */
    static StringBuilder key(StringBuilder sb, String key, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return string(sb, key).append(':');
    }

    /** A JSON string literal as text. */
    static String quote(String s) {
        return string(new StringBuilder(s.length() + 8), s).toString();
    }
}
