package io.perpspot.engine.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Small allocation-free helpers over a jackson-core parser positioned on a value token. */
final class JsonFields {
    private JsonFields() {
    }

    /**
     * The current value (JSON string or number) as fixed-point units; {@link FixedPoint#NULL}
     * for JSON null; {@link FixedPoint#INVALID} for anything else.
     */
    static long fixed(JsonParser p, JsonToken t, int decimals) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return FixedPoint.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), decimals);
        }
        if (t == JsonToken.VALUE_NULL) {
            return FixedPoint.NULL;
        }
        return FixedPoint.INVALID;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * A non-blocking parser meant to live long: fed frame after frame (each followed by one
     * separator byte), so that steady-state decoding allocates nothing.
     */
    static JsonParser nonBlockingParser() {
        try {
            return FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
    }

    /** True if the current text equals {@code s} (no String created). */
    static boolean textEquals(JsonParser p, String s) throws IOException {
        int len = p.getTextLength();
        if (len != s.length()) {
            return false;
        }
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        for (int i = 0; i < len; i++) {
            if (buf[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
