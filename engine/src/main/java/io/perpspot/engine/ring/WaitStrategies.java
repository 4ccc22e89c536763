package io.perpspot.engine.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The consumer's wait strategy by its {@code ring.wait-strategy} name: the one mapping, used by
 * the engine and by the benchmarks, so that they wait exactly alike.
 */
public final class WaitStrategies {
    private WaitStrategies() {
    }

    /**
     * A new wait strategy for {@code name}: {@code polling} (shipped, {@link PollingWaitStrategy}),
     * {@code blocking}, {@code yielding}, {@code busy-spin}; anything else (the config schema
     * validates the name) is {@code sleeping}.
     */
    public static WaitStrategy forName(String name) {
        return switch (name) {
            case "blocking" -> new BlockingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            case "polling" -> new PollingWaitStrategy();
            default -> new SleepingWaitStrategy();
        };
    }
}
