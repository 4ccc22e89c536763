package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.ring.StatusPublisher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The perp side's failover chain: tiers in priority order (mainnet WS → testnet WS → REST info →
 * CoinGecko → Kraken). Reads health reports from the tiers; writes SourceStatus events (through
 * the {@link StatusPublisher}) and decides which tier's market data reaches the ring.
 *
 * <pre>
 *   tier health ──▶ control thread: evaluate()
 *     active   = first tier that is up                       (its data passes the gate)
 *     frontier = active, else the first tier not yet failed, else the last tier
 *     tiers 0..frontier run  (those above the active one are probes, retrying with backoff)
 *     tiers below frontier stop (journaled "down: standby …")
 * </pre>
 *
 * A tier that fails is marked failed until it is up again; the next tier starts at once, so a
 * mainnet drop reaches testnet within one connect. When a higher tier's probe succeeds it becomes
 * active and every lower tier is stopped: the chain returns to the primary by itself. All
 * decisions run on one control thread, never on an I/O thread.
 */
public final class PerpFeedChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.sources");

    private final List<PerpTier> tiers = new ArrayList<>();
    private final StatusPublisher status;
    private final ExecutorService control;
    private boolean[] running = new boolean[0];
    private boolean[] up = new boolean[0];
    private boolean[] failed = new boolean[0];
    private String[] lastReason = new String[0];
    private volatile int active = -1;
    /** The tier that served last (control thread only): names where a failover came from. */
    private int lastServed = -1;
    private volatile boolean closed;
    private volatile long switches;
    /** Per source: times the perp side switched onto it from another source that served before (control thread). */
    private final AtomicLongArray failoversOnto = new AtomicLongArray(Source.COUNT);

    public PerpFeedChain(StatusPublisher status) {
        this.status = status;
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perpspot-perp-chain");
            t.setDaemon(true);
            return t;
        });
    }

    /** The publisher a tier at {@code index} must publish through: only the active tier passes. */
    public EventPublisher gate(int index, EventPublisher ring) {
        return e -> active == index && ring.publish(e);
    }

    /** Health callback shared by all tiers. */
    public PerpTier.Health health() {
        return health;
    }

    private final PerpTier.Health health = new PerpTier.Health() {
        @Override
        public void up(PerpTier tier, String detail) {
            submit(() -> onUp(tier, detail));
        }

        @Override
        public void down(PerpTier tier, int state, String reason) {
            submit(() -> onDown(tier, state, reason));
        }
    };

    /** Adds the next tier (lower priority than those added before); before {@link #start}. */
    public synchronized int add(PerpTier tier) {
        tiers.add(tier);
        int n = tiers.size();
        running = Arrays.copyOf(running, n);
        up = Arrays.copyOf(up, n);
        failed = Arrays.copyOf(failed, n);
        lastReason = Arrays.copyOf(lastReason, n);
        return n - 1;
    }

    /** The tiers in priority order (a copy). */
    public synchronized List<PerpTier> tiers() {
        return List.copyOf(tiers);
    }

    /** Number of tiers added so far (the index the next {@link #add} returns). */
    public synchronized int size() {
        return tiers.size();
    }

    /**
     * Starts the chain once every tier is added: the control thread starts the first tier, and the next ones as tiers
     * fail. Returns at once.
     */
    public void start() {
        submit(this::evaluate);
    }

    private void submit(Runnable r) {
        if (closed) {
            return;
        }
        try {
            control.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("perp chain: control step failed", e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // closing
        }
    }

    private int indexOf(PerpTier tier) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == tier) {
                return i;
            }
        }
        return -1;
    }

    private void onUp(PerpTier tier, String detail) {
        int i = indexOf(tier);
        if (i < 0 || !running[i]) {
            return; // a late report from a tier already stopped
        }
        up[i] = true;
        failed[i] = false;
        lastReason[i] = detail;
        evaluate();
    }

    private void onDown(PerpTier tier, int state, String reason) {
        int i = indexOf(tier);
        if (i < 0 || !running[i]) {
            return;
        }
        boolean wasUp = up[i];
        up[i] = false;
        failed[i] = true;
        lastReason[i] = reason;
        status.publish(tier.source(), state, reason);
        if (wasUp) {
            LOG.atWarn().addKeyValue(LogKeys.SOURCE, name(i)).log("perp side: {} lost: {}", name(i), reason);
        }
        evaluate();
    }

    private void evaluate() {
        int n = tiers.size();
        int newActive = -1;
        for (int i = 0; i < n; i++) {
            if (running[i] && up[i]) {
                newActive = i;
                break;
            }
        }
        int frontier = newActive;
        if (frontier < 0) {
            frontier = n - 1;
            for (int i = 0; i < n; i++) {
                if (!failed[i]) {
                    frontier = i;
                    break;
                }
            }
        }
        int old = active;
        if (newActive != old) {
            active = newActive;
            switches++;
            if (newActive >= 0) {
                int prev = lastServed;
                lastServed = newActive;
                if (prev >= 0 && prev != newActive) {
                    failoversOnto.incrementAndGet(tiers.get(newActive).source());
                }
                String from = name(prev);
                String why = prev < 0 || prev == newActive ? "perp side on " + name(newActive)
                        : newActive < prev ? "perp side back on " + name(newActive) + " (from " + from + ")"
                        : "perp side failed over to " + name(newActive) + " (from " + from + ")";
                status.publish(tiers.get(newActive).source(), SourceState.UP, why + ": " + lastReason[newActive]);
            } else {
                LOG.atWarn().addKeyValue(LogKeys.SOURCE, name(frontier)).log("perp side: no source up; trying {}"
                        + " ({} failed)", name(frontier), old >= 0 ? name(old) : "none");
            }
        }
        for (int i = 0; i <= frontier && i < n; i++) {
            if (!running[i]) {
                running[i] = true;
                up[i] = false;
                failed[i] = false;
                status.publish(tiers.get(i).source(), SourceState.CONNECTING,
                        i == 0 && old < 0 && switches <= 1 ? "starting" : "trying: every higher perp source is down");
                tiers.get(i).start();
            }
        }
        for (int i = frontier + 1; i < n; i++) {
            if (running[i]) {
                running[i] = false;
                up[i] = false;
                failed[i] = false;
                tiers.get(i).stop();
                status.publish(tiers.get(i).source(), SourceState.DOWN, "standby: perp side on " + name(frontier));
            }
        }
    }

    private String name(int i) {
        return i < 0 ? "none" : Source.name(tiers.get(i).source());
    }

    /** The source of the active tier, or -1 when no perp source is up. */
    public int activeSource() {
        int a = active;
        return a < 0 ? -1 : tiers.get(a).source();
    }

    /**
     * Times the serving source of the perp side switched onto {@code source} from another one that served before it
     * (down to a fallback or back to a recovered higher tier; an outage in between included). The first source of the
     * run, and a source that serves again after an outage with nothing else serving in between, are not switches.
     */
    public long failoversOnto(int source) {
        return source >= 0 && source < Source.COUNT ? failoversOnto.get(source) : 0;
    }

    /** Index of the active tier, or -1. */
    public int activeIndex() {
        return active;
    }

    /** Whether tier {@code i} is running now (active or probing). Read from the control thread's state. */
    public boolean isRunning(int i) {
        Boolean[] r = new Boolean[1];
        try {
            control.submit(() -> r[0] = running[i]).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
        return r[0];
    }

    /** Stops every tier. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            control.submit(() -> {
                for (int i = 0; i < tiers.size(); i++) {
                    if (running[i]) {
                        running[i] = false;
                        tiers.get(i).stop();
                    }
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("perp chain: stopping tiers", e);
        }
        closed = true;
        active = -1;
        control.shutdownNow();
    }
}
