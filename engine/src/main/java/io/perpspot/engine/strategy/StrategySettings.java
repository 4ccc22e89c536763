package io.perpspot.engine.strategy;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigKey;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.detect.DetectorRules;
import io.perpspot.engine.exec.TransferCosts;
import java.util.ArrayList;
import java.util.List;

/**
 * The strategy's parameters. They travel inside the journal (the EngineStart record holds
 * {@link #text()}), so a replay uses exactly the parameters the live run used.
 */
public record StrategySettings(
        int zWindow,
        long sampleIntervalNanos,
        int minSamples,
        double minAbsZ,
        double minNetEdgeBps,
        double hlTakerBps,
        double jupPlatformBps,
        double hlSpotTakerBps,
        double transferCostBps,
        long depositDelayNanos,
        long withdrawalDelayNanos,
        double transferRiskSigmas,
        long maxSpotAgeNanos,
        long maxPerpAgeNanos,
        long snapshotIntervalNanos,
        long opportunityIntervalNanos,
        long latencySnapshotNanos,
        long stateSnapshotNanos,
        int fallbackSourceMask,
        boolean threeVenues,
        String text) implements DetectorRules {

    /**
     * A line of an EngineStart text that is not a key: the run continues the previous run's
     * derived state (recovery, docs/journal-format.md) instead of starting from nothing, provided
     * the strategy parameters are the same.
     */
    public static final String CONTINUE_LINE = "continue=true";

    /** True if an EngineStart text asks to continue the previous run's state. */
    public static boolean continues(String engineStartText) {
        for (String line : engineStartText.split("\n")) {
            if (line.trim().equals(CONTINUE_LINE)) {
                return true;
            }
        }
        return false;
    }

    /** Prefix of the configuration keys that belong to the strategy. */
    public static final String PREFIX = "strategy.";

    /**
     * The parameters of a validated configuration; {@link #text()} is its {@code strategy.*} section as
     * {@code key=value} lines, the text an EngineStart journals.
     */
    public static StrategySettings from(Config c) {
        return new StrategySettings(
                c.get(Settings.Z_WINDOW),
                c.get(Settings.Z_SAMPLE_INTERVAL).toNanos(),
                c.get(Settings.Z_MIN_SAMPLES),
                c.get(Settings.ENTRY_MIN_Z),
                c.get(Settings.ENTRY_MIN_NET_BPS),
                c.get(Settings.FEE_HL_TAKER),
                c.get(Settings.FEE_JUP_PLATFORM),
                c.get(Settings.FEE_HL_SPOT_TAKER),
                c.get(Settings.TRANSFER_COST),
                c.get(Settings.TRANSFER_DEPOSIT_DELAY).toNanos(),
                c.get(Settings.TRANSFER_WITHDRAWAL_DELAY).toNanos(),
                c.get(Settings.TRANSFER_RISK_SIGMAS),
                c.get(Settings.MAX_SPOT_AGE).toNanos(),
                c.get(Settings.MAX_PERP_AGE).toNanos(),
                c.get(Settings.SNAPSHOT_INTERVAL).toNanos(),
                c.get(Settings.OPPORTUNITY_INTERVAL).toNanos(),
                c.get(Settings.LATENCY_SNAPSHOT_INTERVAL).toNanos(),
                c.get(Settings.STATE_SNAPSHOT_INTERVAL).toNanos(),
                sourceMask(c.get(Settings.GATE_FALLBACK_SOURCES)),
                true,
                c.section(PREFIX));
    }

    /**
     * Parses the text of an EngineStart record ({@code key=value} lines, {@code #} comments):
     * the keys it names override the defaults, validated like {@code --set}. A key that did not
     * exist when the journal was written keeps the behaviour of that time: without
     * {@code strategy.latency.snapshot-interval} feed-latency snapshots are off, and without
     * {@code strategy.fees.hyperliquid-spot-taker-bps} Hyperliquid spot books are not folded ({@link #threeVenues}
     * false: the release before the third venue journaled them unfolded), so older journals still replay to exactly
     * what they recorded.
     */
    public static StrategySettings fromText(String text) {
        List<String> sets = new ArrayList<>();
        boolean latencyNamed = false;
        boolean stateNamed = false;
        boolean spotNamed = false;
        for (String line : text.split("\n")) {
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#") || s.equals(CONTINUE_LINE)) {
                continue;
            }
            int eq = s.indexOf('=');
            ConfigKey<?> key = eq > 0 ? Settings.byName(s.substring(0, eq)) : null;
            if (key == null || !key.name().startsWith(PREFIX)) {
                throw new ConfigException("journal: EngineStart names an unknown strategy key: '" + s + "'");
            }
            sets.add(s);
            latencyNamed |= key == Settings.LATENCY_SNAPSHOT_INTERVAL;
            stateNamed |= key == Settings.STATE_SNAPSHOT_INTERVAL;
            spotNamed |= key == Settings.FEE_HL_SPOT_TAKER;
        }
        if (!latencyNamed) {
            sets.add(Settings.LATENCY_SNAPSHOT_INTERVAL.name() + "=0s");
        }
        if (!stateNamed) {
            sets.add(Settings.STATE_SNAPSHOT_INTERVAL.name() + "=0s");
        }
        // All at once: cross-key rules (min-samples <= window) hold for the set, not for each step.
        StrategySettings s = from(ConfigLoader.load(null, sets));
        // A run before the third venue journaled Hyperliquid spot books without folding them: replaying its journal
        // must derive what it derived, so its books stay unfolded.
        return spotNamed ? s : s.withoutThreeVenues();
    }

    /** These parameters with Hyperliquid spot journaled but not folded, as every run before the third venue. */
    StrategySettings withoutThreeVenues() {
        return new StrategySettings(zWindow, sampleIntervalNanos, minSamples, minAbsZ, minNetEdgeBps, hlTakerBps,
                jupPlatformBps, hlSpotTakerBps, transferCostBps, depositDelayNanos, withdrawalDelayNanos,
                transferRiskSigmas, maxSpotAgeNanos, maxPerpAgeNanos, snapshotIntervalNanos, opportunityIntervalNanos,
                latencySnapshotNanos, stateSnapshotNanos, fallbackSourceMask, false, text);
    }

    private static int sourceMask(List<String> names) {
        int mask = 0;
        for (String n : names) {
            int src = Source.byName(n);
            if (src >= 0) {
                mask |= 1 << src;
            }
        }
        return mask;
    }

    @Override
    public boolean isFallback(int source) {
        return source >= 0 && source < 32 && (fallbackSourceMask & (1 << source)) != 0;
    }

    @Override
    public double roundTripFeesBps(int pair) {
        return switch (pair) {
            case VenuePair.PERP_HLSPOT -> 2 * (hlTakerBps + hlSpotTakerBps);
            case VenuePair.HLSPOT_JUPITER -> 2 * (hlSpotTakerBps + jupPlatformBps);
            default -> 2 * (hlTakerBps + jupPlatformBps);
        };
    }

    @Override
    public double transferCostBps(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? transferCostBps : 0;
    }

    @Override
    public long transferDelayNanos(int pair, int direction) {
        if (pair != VenuePair.HLSPOT_JUPITER) {
            return 0;
        }
        return TransferCosts.delayNanos(direction, depositDelayNanos, withdrawalDelayNanos);
    }
}
