package io.perpspot.dashboard.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the dashboard's request-parameter parsing ({@link Params}: integers
 * with limits, epoch-ms or ISO-8601 times, token symbols, finite decimals), the pure functions
 * behind every query parameter of {@code /api/*}. A value is either returned inside its limits or
 * refused with an {@link ApiError} of status 400 naming the parameter; anything else (another
 * exception, a 5xx, a value out of range) is a finding.
 */
class ParamsFuzzTest {
    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void parsesOrRefusesEveryParameter(FuzzedDataProvider data) {
        long min = data.consumeLong();
        long max = data.consumeLong();
        long def = data.consumeLong();
        double d = data.consumeRegularDouble();
        String raw = data.consumeRemainingAsString();
        try {
            long v = Params.integer("points", raw, min, max, def);
            if ((raw == null || raw.isEmpty()) ? v != def : (v < min || v > max)) {
                throw new AssertionError("integer '" + raw + "' → " + v + " outside [" + min + ", " + max + "]");
            }
        } catch (ApiError e) {
            refused(e, "points");
        }
        try {
            long t = Params.time("from", raw, 0);
            if (t < 0 || t > 253_402_300_799_999L) {
                throw new AssertionError("time '" + raw + "' → " + t + " out of range");
            }
        } catch (ApiError e) {
            refused(e, "from");
        }
        try {
            String s = Params.symbol("token", raw);
            if (!s.equals(raw) || s.isEmpty() || s.length() > 32) {
                throw new AssertionError("symbol '" + raw + "' → '" + s + "'");
            }
        } catch (ApiError e) {
            refused(e, "token");
        }
        try {
            double v = Params.decimal("sizeUsd", d, 1, 10_000_000);
            if (!(v >= 1 && v <= 10_000_000)) {
                throw new AssertionError("decimal " + d + " → " + v);
            }
        } catch (ApiError e) {
            refused(e, "sizeUsd");
        }
    }

    private static void refused(ApiError e, String name) {
        if (e.status() != 400 || e.getMessage() == null || !e.getMessage().contains("'" + name + "'")) {
            throw new AssertionError("refusal is not a 400 naming '" + name + "': " + e.status() + " "
                    + e.getMessage());
        }
    }
}
