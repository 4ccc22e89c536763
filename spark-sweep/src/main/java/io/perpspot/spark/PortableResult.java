package io.perpspot.spark;

import io.perpspot.tools.backtest.BacktestResult;
import io.perpspot.tools.backtest.BacktestSpec;
import io.perpspot.tools.backtest.Refusals;
import io.perpspot.tools.backtest.Trade;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BacktestResult} on its way back from an executor, without its spec (the driver holds the spec it sent;
 * {@link #with} puts it back). Every field is the executor's value bit for bit (Java serialization of doubles).
 */
record PortableResult(
        List<Trade> trades,
        long[] equityTimes,
        double[] equity,
        double[] dailyPnl,
        long firstNanos,
        long lastNanos,
        long exposureNanos,
        long events,
        long signals,
        long oneLegFills,
        Refusals refused) implements Serializable {

    static PortableResult of(BacktestResult r) {
        return new PortableResult(new ArrayList<>(r.trades()), r.equityTimes(), r.equity(), r.dailyPnl(),
                r.firstNanos(), r.lastNanos(), r.exposureNanos(), r.events(), r.signals(), r.oneLegFills(),
                r.refused());
    }

    BacktestResult with(BacktestSpec spec) {
        return new BacktestResult(spec, List.copyOf(trades), equityTimes, equity, dailyPnl, firstNanos, lastNanos,
                exposureNanos, events, signals, oneLegFills, refused);
    }
}
