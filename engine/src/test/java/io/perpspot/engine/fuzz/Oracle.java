package io.perpspot.engine.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.FixedPoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference the fuzz targets compare decoders with: an independent, slow, strict reading of
 * the same bytes (jackson-databind tree, {@link BigDecimal} arithmetic). A decoder may reject
 * more than the reference (it checks ordering, ranges, tokens), but whatever it publishes must be
 * exactly what the bytes said, to one unit of the fixed-point scale.
 */
final class Oracle {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final BigDecimal LONG_RANGE = new BigDecimal(Long.MAX_VALUE);

    private Oracle() {
    }

    /**
     * The tree of a body, or null when the reference cannot read it unambiguously (not JSON,
     * trailing content, or a repeated name, whose meaning JSON leaves undefined).
     */
    static JsonNode tree(byte[] body) {
        try {
            JsonNode n = STRICT.readTree(body);
            return n == null || n.isMissingNode() ? null : n;
        } catch (Exception e) {
            return null;
        }
    }

    /** The decimal a JSON string or number says; fails the target if it is neither. */
    static BigDecimal decimal(String what, JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new AssertionError(what + ": published, but the frame has no value there");
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual()) {
            try {
                return new BigDecimal(n.asText());
            } catch (NumberFormatException e) {
                throw new AssertionError(what + ": published from '" + n.asText() + "', which is not a number");
            }
        }
        throw new AssertionError(what + ": published from a " + n.getNodeType());
    }

    /**
     * Asserts {@code actual} (fixed point with {@code decimals}) equals {@code value / 10^divExp}
     * to one unit. Never materialises a huge number: magnitudes are compared first.
     */
    static void units(String what, long actual, BigDecimal value, int decimals, int divExp) {
        units(what, actual, value, decimals, divExp, 1);
    }

    /**
     * As {@link #units(String, long, BigDecimal, int, int)}, to {@code tolerance} units (a value rounded, then scaled
     * up).
     */
    static void units(String what, long actual, BigDecimal value, int decimals, int divExp, long tolerance) {
        if (actual == FixedPoint.NULL || actual == FixedPoint.INVALID) {
            throw new AssertionError(what + ": published a sentinel (" + actual + ") for " + clip(value));
        }
        BigDecimal expected = value.movePointRight(decimals - divExp);
        if (expected.abs().compareTo(LONG_RANGE) > 0) {
            throw new AssertionError(what + ": published " + actual + " for " + clip(value)
                    + ", beyond the fixed-point range");
        }
        if (expected.abs().compareTo(BigDecimal.ONE) < 0) {
            if (Math.abs(actual) > tolerance) {
                throw new AssertionError(what + ": published " + actual + " units for " + clip(value));
            }
            return;
        }
        BigDecimal diff = expected.subtract(BigDecimal.valueOf(actual)).abs();
        if (diff.compareTo(BigDecimal.valueOf(tolerance)) > 0) {
            throw new AssertionError(what + ": published " + actual + " units, the frame says " + clip(value)
                    + " = " + expected.toPlainString() + " units");
        }
    }

    /** A published price must be a real, positive price. */
    static void positive(String what, long px) {
        if (px == FixedPoint.NULL || px == FixedPoint.INVALID || px <= 0) {
            throw new AssertionError(what + ": published a price that is not positive: " + px);
        }
    }

    /** Splits fuzz data into at most {@code max} frames at '\n' (seed files hold one frame per line). */
    static List<byte[]> frames(byte[] data, int max) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length && out.size() < max; i++) {
            if (i == data.length || (data[i] == '\n' && out.size() < max - 1)) {
                byte[] f = new byte[i - start];
                System.arraycopy(data, start, f, 0, f.length);
                out.add(f);
                start = i + 1;
            }
        }
        return out;
    }

    private static String clip(BigDecimal v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
