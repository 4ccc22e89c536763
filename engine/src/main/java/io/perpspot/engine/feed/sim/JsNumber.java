package io.perpspot.engine.feed.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a double the way JavaScript's {@code Number.prototype.toString} does, as Jupiter's JSON
 * numbers look: the shortest digits that read back to the same double, plain decimal from 1e-6 up
 * to 1e21 ({@code 117.11139694501614}, {@code 0.000001}), exponent form outside
 * ({@code 1.5e-7}, {@code 1e+21}).
 */
final class JsNumber {
    private JsNumber() {
    }

    static StringBuilder append(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            // JSON has no NaN or Infinity; JSON.stringify writes null.
            return sb.append("null");
        }
        if (v == 0) {
            return sb.append('0');
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        BigDecimal shortest = shortest(v);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        if (k <= n && n <= 21) {
            sb.append(digits);
            for (int i = k; i < n; i++) {
                sb.append('0');
            }
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            for (int i = n; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e > 0 ? '+' : '-').append(Math.abs(e));
        }
        return sb;
    }

    static String toString(double v) {
        return append(new StringBuilder(24), v).toString();
    }

    /** The fewest significant digits that round-trip, nearest to the exact value; trailing zeros stripped. */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        // Java's own text round-trips; it is the shortest in nearly every case, so start there.
        int upper = new BigDecimal(Double.toString(v)).stripTrailingZeros().precision();
        BigDecimal best = null;
        for (int p = upper; p >= 1; p--) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() != v) {
                break;
            }
            best = r;
        }
        if (best == null) {
            best = new BigDecimal(Double.toString(v));
        }
        return best.stripTrailingZeros();
    }
}
