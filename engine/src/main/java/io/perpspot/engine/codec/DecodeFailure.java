package io.perpspot.engine.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.perpspot.engine.core.Reject;
import java.io.IOException;

/**
 * A frame the decoder refuses, with the reject reason: preallocated once per decoder and
 * stackless, so bad input costs no allocation. Also the token helpers every streaming decoder
 * shares (a frame must be complete: an unfinished one is {@link Reject#TRUNCATED}).
 */
final class DecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    Reject reason;
    String detail;

    DecodeFailure() {
        super(null, null, false, false);
    }

    /** Sets the reason and returns this failure, to be thrown. */
    DecodeFailure with(Reject r, String d) {
        reason = r;
        detail = d;
        return this;
    }

    /**
     * The next token of a frame that must be complete. {@code HyperliquidDecoder.next} repeats
     * these lines on the hottest path (measured there); keep the two the same.
     */
    JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null || t == JsonToken.NOT_AVAILABLE) {
            throw with(Reject.TRUNCATED, null);
        }
        return t;
    }

    /**
     * The root object must have ended with {@code last} and nothing but whitespace may follow it
     * (an unfinished token after the object would swallow the next frame).
     */
    void endOfRoot(JsonParser p, JsonToken last, JsonFields.TrailingCheck trailing) throws IOException {
        if (last != JsonToken.END_OBJECT) {
            throw with(Reject.MALFORMED_JSON, "root");
        }
        // Whitespace after the object (a fed separator, a trailing newline) must be consumed before
        // the next frame is fed; with nothing left, there is nothing to read.
        int left = trailing.spaceLeft(p);
        if (left < 0 || (left > 0 && p.nextToken() != JsonToken.NOT_AVAILABLE)) {
            throw with(Reject.MALFORMED_JSON, "content after the object");
        }
    }

    /** Skips the value that starts with {@code t} (an object or array with everything inside it). */
    void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            int depth = 1;
            while (depth > 0) {
                JsonToken n = next(p);
                if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) {
                    depth++;
                } else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
    }
}
