package io.perpspot.engine.exec;

/**
 * Slippage where the depth is not known level by level: a venue-wide depth figure (Jupiter's
 * liquidity, Hyperliquid's daily notional volume) and a model.
 *
 * <ul>
 * <li>{@code sqrt}: {@code k·sqrt(size/depth)} (the square-root law; k = 0.7 by default);</li>
 * <li>{@code almgren-chriss}: a permanent part linear in size, {@code a·size/depth}, that
 *     moves the price for everyone after the trade (so the exit of the same position pays it
 *     again), plus a temporary part {@code b·sqrt(size/depth)} paid only during the trade.</li>
 * </ul>
 * The total is clamped to [min, max] bps (the original app's 0.5–500).
 */
public record ImpactModel(Kind kind, double sqrtK, double acPermanent, double acTemporary, double minBps,
        double maxBps) {
    /** The model family. */
    public enum Kind {
        SQRT,
        ALMGREN_CHRISS;

        /**
         * The kind named in {@code execution.impact.model}.
         *
         * @throws IllegalArgumentException for a name other than {@code sqrt} or {@code almgren-chriss}
         */
        public static Kind of(String configName) {
            return switch (configName) {
                case "sqrt" -> SQRT;
                case "almgren-chriss" -> ALMGREN_CHRISS;
                default -> throw new IllegalArgumentException("impact model: expected sqrt or almgren-chriss, got '"
                        + configName + "'");
            };
        }
    }

    public ImpactModel {
        if (minBps > maxBps) {
            throw new IllegalArgumentException("impact: min-bps (" + minBps + ") must not exceed max-bps (" + maxBps
                    + ")");
        }
    }

    /** Total slippage in bps of trading {@code sizeUsd} against {@code depthUsd}. */
    public double slippageBps(double sizeUsd, double depthUsd) {
        return clamp(permanentBps(sizeUsd, depthUsd) + temporaryBps(sizeUsd, depthUsd));
    }

    /** The permanent part before clamping (zero for the sqrt model). */
    public double permanentBps(double sizeUsd, double depthUsd) {
        return kind == Kind.ALMGREN_CHRISS ? acPermanent * (sizeUsd / depthUsd) * 10_000.0 : 0.0;
    }

    /** The temporary part before clamping. */
    public double temporaryBps(double sizeUsd, double depthUsd) {
        double k = kind == Kind.ALMGREN_CHRISS ? acTemporary : sqrtK;
        return k * Math.sqrt(sizeUsd / depthUsd) * 10_000.0;
    }

    private double clamp(double bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }
}
