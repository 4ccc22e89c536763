package io.perpspot.spark;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.Template;
import io.perpspot.tools.backtest.BacktestSpec;
import io.perpspot.tools.backtest.SweepRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A sweep combination as it travels to a Spark executor: the configuration as {@code key=value} text (every key,
 * {@link io.perpspot.engine.config.Config#section(String)}, which {@code --set} parses back to the same values), the
 * template (a Serializable record) and the rest of the {@link BacktestSpec}. {@link #spec()} rebuilds the spec through
 * {@link BacktestSpec#of} exactly as the driver built it.
 */
record PortableSpec(
        List<String> config,
        Template template,
        List<String> tokens,
        List<String> strategySets,
        long seed,
        long fromNanos,
        long toNanos) implements Serializable {

    static PortableSpec of(SweepRunner.Task task) {
        BacktestSpec s = task.spec();
        return new PortableSpec(List.copyOf(task.config().section("").lines().toList()), s.template(),
                new ArrayList<>(s.tokens()), new ArrayList<>(s.strategySets()), s.seed(), s.fromNanos(), s.toNanos());
    }

    /** The spec the driver built, rebuilt from the text of its configuration. */
    BacktestSpec spec() {
        return BacktestSpec.of(ConfigLoader.load(null, config), template, new LinkedHashSet<>(tokens),
                List.copyOf(strategySets), seed).withRange(fromNanos, toNanos);
    }
}
