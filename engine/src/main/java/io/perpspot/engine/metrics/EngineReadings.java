package io.perpspot.engine.metrics;

import io.perpspot.engine.cache.FailoverCache;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.fallback.PerpFeeds;
import io.perpspot.engine.feed.jupiter.JupiterLimiter;
import io.perpspot.engine.feed.jupiter.RequestOutcomes;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.ring.StatusPublisher;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * The engine parts whose counters the metrics and health checks read, never write.
 *
 * @param pipeline   the ring and its consumer (journaled counts, backlog, journal failures, strategy)
 * @param stats      per-source frames and rejects
 * @param status     the journaled state of each source
 * @param perp       the perp side's failover chain (which source serves)
 * @param limiter    the Jupiter token bucket
 * @param prices     how the Jupiter Price API requests ended
 * @param quotes     how the Jupiter quote requests ended
 * @param cache      the cache (its figures and current backend)
 * @param tokens     the number of tokens tracked now
 * @param journalDir the journal directory (bytes on disk, free space)
 * @param version    the engine's version, for perpspot_build_info
 */
public record EngineReadings(Pipeline pipeline, FeedStats stats, StatusPublisher status, PerpFeeds perp,
                             JupiterLimiter limiter, RequestOutcomes prices, RequestOutcomes quotes,
                             FailoverCache cache, IntSupplier tokens, Path journalDir,
                             String version) {
}
