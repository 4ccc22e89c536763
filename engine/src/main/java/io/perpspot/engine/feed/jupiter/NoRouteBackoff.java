package io.perpspot.engine.feed.jupiter;

import java.util.HashMap;
import java.util.Map;

/**
 * Quote rungs Jupiter answered "no route", backed off: a rung (token, notional) skips its requests for
 * {@link #INITIAL_NANOS} after the first such answer, doubling with each further one up to {@link #MAX_NANOS};
 * a successful quote of the rung forgets it. So a pair with no route stops eating the shared budget, and is
 * still re-tried now and then (a pool may appear). Pure (the caller passes the time); one thread.
 */
final class NoRouteBackoff {
    /** The first pause of a rung answered "no route". */
    static final long INITIAL_NANOS = 60_000_000_000L;
    /** The longest pause. */
    static final long MAX_NANOS = 32 * 60_000_000_000L;

    private record Pause(long untilNanos, long lengthNanos) {
    }

    private final Map<Long, Pause> pauses = new HashMap<>();

    private static long key(int tokenId, int rung) {
        return (long) tokenId << 32 | rung;
    }

    /** Rung {@code rung} of {@code tokenId} was answered "no route" at {@code now}: it pauses, longer each time. */
    void noRoute(int tokenId, int rung, long now) {
        Pause p = pauses.get(key(tokenId, rung));
        long length = p == null ? INITIAL_NANOS : Math.min(MAX_NANOS, p.lengthNanos() * 2);
        pauses.put(key(tokenId, rung), new Pause(now + length, length));
    }

    /** Rung {@code rung} of {@code tokenId} was quoted: its backoff starts afresh. */
    void quoted(int tokenId, int rung) {
        pauses.remove(key(tokenId, rung));
    }

    /** True while the rung's requests are skipped. */
    boolean pausedAt(int tokenId, int rung, long now) {
        Pause p = pauses.get(key(tokenId, rung));
        return p != null && now < p.untilNanos();
    }

    /** The pause the rung's last "no route" set (0: none). */
    long pauseNanos(int tokenId, int rung) {
        Pause p = pauses.get(key(tokenId, rung));
        return p == null ? 0 : p.lengthNanos();
    }

    /** True when every one of the {@code rungs} rungs of {@code tokenId} is paused at {@code now}. */
    boolean allPausedAt(int tokenId, int rungs, long now) {
        for (int r = 0; r < rungs; r++) {
            if (!pausedAt(tokenId, r, now)) {
                return false;
            }
        }
        return true;
    }
}
