package io.perpspot.engine.feed.sim;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Base58 (Bitcoin alphabet) text of 32-byte Solana addresses. The sim invents addresses for pools
 * and for its one copycat token; they are derived from a seed and a label so runs repeat.
 */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(44);
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    /** A deterministic 32-byte address for a label; never shorter than 32 characters. */
    static String address(long seed, String label) {
        SplittableRandom r = new SplittableRandom(seed * 31 + label.hashCode());
        byte[] b = new byte[32];
        r.nextBytes(b);
        // A leading byte of at least 1 keeps the text 43 or 44 characters long, like real addresses.
        b[0] = (byte) (1 + (b[0] & 0x7f));
        return encode(b);
    }
}
