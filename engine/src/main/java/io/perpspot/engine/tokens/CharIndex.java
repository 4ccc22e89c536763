package io.perpspot.engine.tokens;

import java.util.Arrays;

/**
 * Immutable open-addressing map from short ASCII keys to int values, looked up by a slice of a
 * {@code char[]} without creating a {@code String}. Used on the decode path to resolve coin
 * names and mints straight from the JSON parser's buffer.
 */
public final class CharIndex {
    public static final int MISSING = -1;

    private final char[][] keys;
    private final int[] values;
    private final int mask;

    /** Builds the index; keys must be distinct. */
    public CharIndex(String[] keyStrings, int[] vals) {
        int cap = Integer.highestOneBit(Math.max(4, keyStrings.length * 4) - 1) << 1;
        keys = new char[cap][];
        values = new int[cap];
        mask = cap - 1;
        Arrays.fill(values, MISSING);
        for (int i = 0; i < keyStrings.length; i++) {
            char[] k = keyStrings[i].toCharArray();
            int slot = hash(k, 0, k.length) & mask;
            while (keys[slot] != null) {
                if (Arrays.equals(keys[slot], k)) {
                    throw new IllegalArgumentException("duplicate key " + keyStrings[i]);
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            values[slot] = vals[i];
        }
    }

    /** The value for {@code buf[off, off+len)}, or {@link #MISSING}. */
    public int get(char[] buf, int off, int len) {
        int slot = hash(buf, off, len) & mask;
        while (true) {
            char[] k = keys[slot];
            if (k == null) {
                return MISSING;
            }
            if (k.length == len && Arrays.equals(k, 0, len, buf, off, off + len)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The value for a key given as a CharSequence (no copy), or {@link #MISSING}. */
    public int get(CharSequence key) {
        int len = key.length();
        int h = 0x9E3779B9;
        for (int i = 0; i < len; i++) {
            h = (h ^ key.charAt(i)) * 0x01000193;
        }
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            char[] k = keys[slot];
            if (k == null) {
                return MISSING;
            }
            if (k.length == len && sameChars(k, key)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameChars(char[] k, CharSequence key) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] buf, int off, int len) {
        int h = 0x9E3779B9;
        for (int i = off; i < off + len; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
