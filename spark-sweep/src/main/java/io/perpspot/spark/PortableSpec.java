package io.perpspot.spark;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.Template;
import io.perpspot.tools.backtest.BacktestSpec;
import io.perpspot.tools.backtest.SweepRunner;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A sweep combination as it travels to a Spark executor: the configuration as {@code key=value} text (every key,
 * {@link io.perpspot.engine.config.Config#section(String)}, which {@code --set} parses back to the same values), the
 * template's fields and the rest of the {@link BacktestSpec}. {@link #spec()} rebuilds the spec through
 * {@link BacktestSpec#of} exactly as the driver built it.
 */
record PortableSpec(
        List<String> config,
        String templateName,
        String token,
        double notionalUsd,
        Duration maxLatency,
        double minSpreadBps,
        double fundingThresholdBps,
        DirectionPolicy direction,
        double riskMultiplier,
        Duration holdingHorizon,
        List<String> tokens,
        List<String> strategySets,
        long seed,
        long fromNanos,
        long toNanos) implements Serializable {

    static PortableSpec of(SweepRunner.Task task) {
        BacktestSpec s = task.spec();
        Template t = s.template();
        return new PortableSpec(List.copyOf(task.config().section("").lines().toList()), t.name(), t.token(),
                t.notionalUsd(), t.maxLatency(), t.minSpreadBps(), t.fundingThresholdBps(), t.direction(),
                t.riskMultiplier(), t.holdingHorizon(), new ArrayList<>(s.tokens()), new ArrayList<>(s.strategySets()),
                s.seed(), s.fromNanos(), s.toNanos());
    }

    /** The spec the driver built, rebuilt from the text of its configuration. */
    BacktestSpec spec() {
        Template t = new Template(templateName, token, notionalUsd, maxLatency, minSpreadBps, fundingThresholdBps,
                direction, riskMultiplier, holdingHorizon);
        return BacktestSpec.of(ConfigLoader.load(null, config), t, new LinkedHashSet<>(tokens),
                List.copyOf(strategySets), seed).withRange(fromNanos, toNanos);
    }
}
