package io.perpspot.engine.exec;

import io.perpspot.engine.core.OutputRecord;

/** Which way a basis trade goes; {@link #code()} is the journal's direction number. */
public enum Direction {
    /** The perp is rich: sell the perp, buy spot. Profits when (perp − spot) shrinks. */
    SHORT_PERP_LONG_SPOT(OutputRecord.SHORT_PERP_LONG_SPOT, +1),
    /** The perp is cheap: buy the perp, sell spot. Profits when (perp − spot) grows. */
    LONG_PERP_SHORT_SPOT(OutputRecord.LONG_PERP_SHORT_SPOT, -1);

    private final int code;
    private final int sign;

    Direction(int code, int sign) {
        this.code = code;
        this.sign = sign;
    }

    /** The direction number of Opportunity records. */
    public int code() {
        return code;
    }

    /** +1 when short the perp, −1 when long the perp: the sign of the position in (perp − spot). */
    public int sign() {
        return sign;
    }

    /** The direction that profits from a basis of this sign reverting (positive: perp rich). */
    public static Direction forBasis(double basisBps) {
        return basisBps >= 0 ? SHORT_PERP_LONG_SPOT : LONG_PERP_SHORT_SPOT;
    }

    /**
     * The direction's name as the journal's readers print it ({@code short-perp/long-spot},
     * {@code long-perp/short-spot}).
     */
    public String label() {
        return OutputRecord.directionName(code);
    }
}
