package io.perpspot.engine.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters per source: frames received, events dropped because the ring was
 * full, frames ignored on purpose, and rejections per {@link Reject} reason. The first
 * rejection of each (source, reason) is logged with the frame's first bytes; later ones are
 * only counted. Readable from any thread. Each source has one writer thread (its decoder's), so
 * the per-frame counters are incremented with an ordered store instead of a locked add: cheaper
 * on the decode path, and still visible to readers. Allocation-free.
 */
public final class FeedStats {
    private static final Logger LOG = LoggerFactory.getLogger(FeedStats.class);
    private static final int REASONS = Reject.values().length;
    private static final int SNIPPET = 160;

    private final AtomicLongArray frames = new AtomicLongArray(Source.COUNT);
    private final AtomicLongArray ringFull = new AtomicLongArray(Source.COUNT);
    private final AtomicLongArray ignored = new AtomicLongArray(Source.COUNT);
    private final AtomicLongArray rejects = new AtomicLongArray(Source.COUNT * REASONS);

    /** Counts one frame received, on the thread that decodes {@code source} (one per source: not atomic). */
    public void frame(int source) {
        frames.lazySet(source, frames.get(source) + 1);
    }

    /** Counts one event dropped or superseded because the ring was full; logs the first of a source. Any thread. */
    public void ringFull(int source) {
        if (ringFull.getAndIncrement(source) == 0) {
            LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(source))
                    .log("{}: ring full, dropping market events (counted; further drops are not logged)",
                            Source.name(source));
        }
    }

    /** Counts one frame ignored on purpose (a channel the engine does not use). Any thread. */
    public void ignored(int source) {
        ignored.incrementAndGet(source);
    }

    /** Counts a rejection; logs the first of its kind with the start of the frame. */
    public void reject(int source, Reject reason, byte[] frame, int off, int len, String detail) {
        long before = rejects.getAndIncrement(source * REASONS + reason.ordinal());
        if (before == 0) {
            String snippet = frame == null ? "" : new String(frame, off, Math.min(len, SNIPPET), StandardCharsets.UTF_8)
                    .replace('\n', ' ').replace('\r', ' ');
            LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(source))
                    .log("{}: rejected {}{}: {}{} (further '{}' rejections are counted, not logged)",
                            Source.name(source), reason.text(), detail == null ? "" : " (" + detail + ")",
                            snippet, len > SNIPPET ? "..." : "", reason.name().toLowerCase());
        }
    }

    /** Frames received from {@code source} so far (every frame, valid or not). */
    public long frames(int source) {
        return frames.get(source);
    }

    /** Events of {@code source} dropped or superseded by a newer one because the ring was full. */
    public long ringFullCount(int source) {
        return ringFull.get(source);
    }

    /** Frames of {@code source} ignored on purpose (neither events nor rejections). */
    public long ignoredCount(int source) {
        return ignored.get(source);
    }

    /** Rejections of {@code source} for {@code reason} so far. */
    public long rejects(int source, Reject reason) {
        return rejects.get(source * REASONS + reason.ordinal());
    }

    /** Rejections of {@code source} so far, all reasons together. */
    public long rejects(int source) {
        long n = 0;
        for (Reject r : Reject.values()) {
            n += rejects(source, r);
        }
        return n;
    }

    /** Non-zero rejection counts of a source, by reason. */
    public Map<Reject, Long> rejectsByReason(int source) {
        Map<Reject, Long> m = new LinkedHashMap<>();
        for (Reject r : Reject.values()) {
            long n = rejects(source, r);
            if (n > 0) {
                m.put(r, n);
            }
        }
        return m;
    }
}
