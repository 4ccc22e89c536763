package io.perpspot.tools.backtest;

import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.SlippageBand;
import java.io.Serializable;

/**
 * One closed position: both legs in, both legs out (or one leg in and out again after a one-leg
 * fill). Prices are average execution prices per token; slippage is adverse in bps against each
 * venue's mid. {@code pnlUsd = perpPnlUsd + spotPnlUsd − feesUsd + fundingUsd}. Serializable: a Spark sweep's
 * executors send their trades back to the driver ({@link SweepRunner}).
 */
public record Trade(
        String token,
        Direction direction,
        long entryNanos,
        long exitNanos,
        String exitReason,
        double quantity,
        double notionalUsd,
        double perpEntryPx,
        double spotEntryPx,
        double perpExitPx,
        double spotExitPx,
        double perpEntrySlipBps,
        double spotEntrySlipBps,
        double perpExitSlipBps,
        double spotExitSlipBps,
        double feesUsd,
        double fundingUsd,
        double perpPnlUsd,
        double spotPnlUsd,
        double pnlUsd) implements Serializable {

    /** Exit reasons. */
    public static final String CONVERGED = "converged";
    public static final String STOP = "stop";
    public static final String TIME = "time-limit";
    public static final String END = "end-of-data";
    public static final String ONE_LEG_PERP = "one-leg-perp";
    public static final String ONE_LEG_SPOT = "one-leg-spot";

    /** A slippage's band label, or empty when the leg did not trade (NaN). */
    static String band(double bps) {
        return Double.isNaN(bps) ? "" : SlippageBand.of(bps).label();
    }

    /** USD traded over all legs of this trade. */
    public double turnoverUsd() {
        double t = 0;
        for (double v : new double[] {perpEntryPx, spotEntryPx, perpExitPx, spotExitPx}) {
            if (!Double.isNaN(v)) {
                t += v * quantity;
            }
        }
        return t;
    }
}
