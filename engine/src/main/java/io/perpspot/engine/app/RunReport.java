package io.perpspot.engine.app;

import io.perpspot.engine.cache.CacheStats;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.metrics.ThreadCpu;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run tells its operator: the progress line every 10 s in the log (events and rate, the
 * serving source of each side, opportunities, rejects, cache figures) and the summary printed
 * when it stops. Reads the counters of the parts {@link EngineAssembly} built; writes only text.
 *
 * <p>Both also say what the engine cost on the CPU ({@link ThreadCpu}): the progress line the whole process's share
 * of one core over its 10 s, the summary the share of each thread role from the first progress line to the stop
 * (the start-up's class loading and compilation left out when the run lasted that long).
 */
final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** Seconds between progress lines (the rate is per second over this interval). */
    static final int PROGRESS_SECONDS = 10;

    private final EngineAssembly parts;
    private final long startNanos = System.nanoTime();
    private long lastLogged;
    /** Threads at the start, at the first progress line and at the last one (the scheduler thread writes them). */
    private final ThreadCpu.Sample started = ThreadCpu.sample();
    private volatile ThreadCpu.Sample firstTick;
    private ThreadCpu.Sample lastTick;
    private volatile ThreadCpu.Sample stopping;

    RunReport(EngineAssembly parts) {
        this.parts = parts;
    }

    /** The progress line (scheduler thread); never throws. */
    void logProgress() {
        try {
            long n = parts.pipeline().journalHandler().appended();
            long rate = (n - lastLogged) / PROGRESS_SECONDS;
            lastLogged = n;
            ThreadCpu.Sample now = ThreadCpu.sample();
            double cpu = now.since(lastTick == null ? started : lastTick).totalPercentOfCore();
            lastTick = now;
            if (firstTick == null) {
                firstTick = now;
            }
            int perpSource = parts.perp().activeSource();
            LOG.info("journaled {} events ({}/s) | perp {} {} | spot {} {} | opportunities {} | rejected {} | cache {}"
                    + " | cpu {} % of a core",
                    n, rate, perpSource < 0 ? "none" : Source.name(perpSource),
                    perpSource < 0 ? "(every perp source down)" : stateName(perpSource),
                    Source.name(Source.JUPITER_PRICE), stateName(Source.JUPITER_PRICE),
                    parts.pipeline().strategy().opportunities(), totalRejects(), parts.cache().stats().figures(),
                    String.format(Locale.ROOT, "%.1f", cpu));
        } catch (RuntimeException ex) {
            LOG.debug("progress line failed", ex);
        }
    }

    /** Called as the engine starts to stop: the end of the summary's CPU window. */
    void stopping() {
        stopping = ThreadCpu.sample();
    }

    private String stateName(int source) {
        return SourceState.name(parts.status().state(source));
    }

    private long totalRejects() {
        long n = 0;
        for (int s = 0; s < Source.COUNT; s++) {
            n += parts.stats().rejects(s);
        }
        return n;
    }

    /**
     * The summary of a run that started; {@code cache} is the cache's figures as it closed (null: none), then each
     * sidecar's line ({@link Sidecar#summary()}).
     */
    void printSummary(PrintStream out, CacheStats cache, List<Sidecar> sidecars) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        Strategy s = parts.pipeline().strategy();
        JournalHandler journaled = parts.pipeline().journalHandler();
        TokenRegistry registry = parts.tokens().registry();
        int both = 0;
        for (int id = 0; id < registry.size(); id++) {
            SpreadBook b = s.book(id);
            if (b != null && b.spotPx != FixedPoint.NULL && b.perpMid != FixedPoint.NULL) {
                both++;
            }
        }
        StringBuilder byType = new StringBuilder();
        for (int t = 1; t <= EventType.MAX; t++) {
            long n = journaled.appended(t);
            if (n > 0) {
                byType.append(byType.length() == 0 ? "" : ", ").append(EventType.name(t)).append(' ').append(n);
            }
        }
        out.printf("perpspot run stopped after %.1f s%n", secs);
        out.printf("  events journaled  %d (%s)%n", journaled.appended(), byType);
        out.printf("  tokens            %d tracked, %d with both perp and spot prices%n", registry.size(), both);
        StringBuilder byPair = new StringBuilder();
        for (int p = 0; p < VenuePair.COUNT; p++) {
            byPair.append(VenuePair.name(p)).append(' ').append(s.opportunitiesOfPair(p)).append(", ");
        }
        out.printf("  opportunities     %d (%srefused: stale-spot %d, stale-perp %d, fallback-source %d)%n",
                s.opportunities(), byPair, s.refusals(OutputRecord.GATE_STALE_SPOT),
                s.refusals(OutputRecord.GATE_STALE_PERP), s.refusals(OutputRecord.GATE_FALLBACK_SOURCE));
        EngineAssembly.Jupiter jup = parts.jupiter();
        if (jup != null) {
            out.printf("  jupiter           %d requests at %.2f/s max (%d rate-limited): %d price (%d due by age), %d "
                    + "quote; %d quote ladders, %d no-route%n",
                    jup.limiter().granted(), jup.limiter().configuredRate(), jup.limiter().rateLimited(),
                    jup.prices().requests(), jup.scheduler().dueBatches(), jup.quotes().requests(),
                    jup.quotes().ladders(), jup.quotes().noRoute());
        }
        out.printf("  spread snapshots  %d%n", s.spreads());
        out.printf("  rejected          %d%s%n", totalRejects(), rejectDetail(parts.stats()));
        if (parts.pipeline().handlerErrors() > 0) {
            out.printf("  handler errors    %d (see the log)%n", parts.pipeline().handlerErrors());
        }
        if (cache != null) {
            out.printf("  cache             %s now (mode %s): hits %d, misses %d, errors %d, evictions %d, switches "
                    + "%d%n",
                    cache.backend().label(), cache.mode(), cache.hits(), cache.misses(), cache.errors(),
                    cache.evictions(), cache.switches());
        }
        for (Sidecar sidecar : sidecars) {
            String line = sidecar.summary();
            if (!line.isEmpty()) {
                out.printf("  %s%n", line);
            }
        }
        ThreadCpu.Sample from = firstTick;
        ThreadCpu.Sample to = stopping;
        out.print((to == null ? ThreadCpu.sample() : to).since(from == null ? started : from).lines("  ", 0.05));
        out.printf("  journal           %s%n", parts.journal().dir().toAbsolutePath());
        out.flush();
    }

    private static String rejectDetail(FeedStats stats) {
        StringBuilder sb = new StringBuilder();
        for (int src = 0; src < Source.COUNT; src++) {
            for (Map.Entry<Reject, Long> en : stats.rejectsByReason(src).entrySet()) {
                sb.append(sb.length() == 0 ? " (" : ", ").append(Source.name(src)).append(' ')
                        .append(en.getKey().name().toLowerCase()).append(' ').append(en.getValue());
            }
            long dropped = stats.ringFullCount(src);
            if (dropped > 0) {
                sb.append(sb.length() == 0 ? " (" : ", ").append(Source.name(src)).append(" ring-full ")
                        .append(dropped);
            }
        }
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }
}
