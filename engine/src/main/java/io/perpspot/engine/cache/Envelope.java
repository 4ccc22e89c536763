package io.perpspot.engine.cache;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How perpspot stores a text value in Redis: a 4-byte envelope ({@code ps1|}) before its UTF-8
 * bytes, so a value another program wrote under a perpspot key is recognised as not ours.
 */
final class Envelope {
    private static final byte[] PREFIX = "ps1|".getBytes(StandardCharsets.US_ASCII);

    private Envelope() {
    }

    static byte[] encode(String value) {
        byte[] body = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(PREFIX, PREFIX.length + body.length);
        System.arraycopy(body, 0, out, PREFIX.length, body.length);
        return out;
    }

    /** The text of an enveloped UTF-8 value, or null if it is not one. */
    static String decode(byte[] v) {
        if (v.length < PREFIX.length || !Arrays.equals(v, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return null;
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v, PREFIX.length, v.length - PREFIX.length));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
