package io.perpspot.engine.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.perpspot.engine.core.FixedPoint;
import java.io.IOException;
import java.io.OutputStream;

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

    /**
     * Checks, right after the root value's last token, that only whitespace is left in the fed
     * input. The long-lived non-blocking parser answers NOT_AVAILABLE both for "nothing left" and
     * for an unfinished token ({@code {}"110}), and an unfinished string would swallow the next
     * frame (found by JupiterPriceFuzzTest: a valid body after {@code {}"110} was rejected).
     * {@code releaseBuffered} copies the unread bytes without consuming them; one instance per
     * decoder, allocation-free.
     */
    static final class TrailingCheck extends OutputStream {
        private boolean onlySpace;

        /** The bytes the parser has not read yet if they are all whitespace, else -1. Reads nothing. */
        int spaceLeft(JsonParser p) throws IOException {
            onlySpace = true;
            int left = p.releaseBuffered(this);
            return onlySpace ? left : -1;
        }

        @Override
        public void write(int b) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                onlySpace = false;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len && onlySpace; i++) {
                write(b[i]);
            }
        }
    }
}
