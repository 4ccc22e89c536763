package io.perpspot.bench.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.feed.sim.SimHyperliquidServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.feed.sim.SimWireFrames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The wire harness's load generator, in a process of its own: the sim venues ({@link SimVenues}: the
 * Hyperliquid WebSocket and info endpoint, the Jupiter price, quote and token answers) with their own
 * pushes slowed to once a minute and the Hyperliquid server stalled once the engine has subscribed, and
 * instead the sim's own frames ({@link SimWireFrames}) sent at a fixed rate ({@link Schedule}).
 *
 * <p>Line protocol on stdin/stdout: it prints {@code READY ws info price quote tokens timeBase}; then
 * {@code COINS a,b,..} (the coins to send), {@code AWAIT n} (wait for n subscriptions, then stall the
 * sim's own pushes; prints {@code OK n}), {@code SESSIONS n} (wait until n WebSockets are open, e.g. the
 * baseline's client in place of the engine; prints {@code OK open}), {@code RUN firstSeq rate startNanos
 * count} (prints {@code DONE sent=.. lagP50=.. lagP99=.. lagMax=.. marginNs=..}: the send lag in ns,
 * written to the socket minus intended, and how early the sender woke before each frame), {@code QUIT}.
 * Rotation of 128 frames: l2Book at 64, activeAssetCtx at 96 (right after a bbo, so the harness can
 * number it), bbo elsewhere, coins in turn.
 */
public final class WireGenerator {
    /** Wake this long before a frame is due with Linux's default 50 µs timer slack (a park ends up to that late). */
    private static final long DEFAULT_MARGIN_NANOS = 55_000;
    /** The sender's timer slack when the kernel lets it set its own. */
    private static final long TIGHT_SLACK_NANOS = 1_000;
    /** Wake this long before a frame is due with the tight slack (a wake-up's own latency, p99 ~10 µs here). */
    private static final long TIGHT_MARGIN_NANOS = 20_000;
    /** Spin rather than park when less than margin plus this is left. */
    private static final long MIN_PARK_NANOS = 5_000;
    private static final int MAX_BATCH = 256;

    private final SimVenues venues;
    private final long timeBase;
    private long marginNanos = DEFAULT_MARGIN_NANOS;
    private byte[][] rotation = new byte[0][];
    private int[] stampAt = new int[0];

    private WireGenerator(SimVenues venues, long timeBase) {
        this.venues = venues;
        this.timeBase = timeBase;
    }

    /** Runs the generator (see the class comment); no arguments. */
    public static void main(String[] args) throws Exception {
        Config config = ConfigLoader.load(null, List.of("sim.bbo-interval=60s", "sim.book-interval=60s",
                "sim.ctx-interval=60s", "sim.mids-interval=60s", "sim.hyperliquid-idle-timeout=10m"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // An hour ahead of the wall clock, so every sent time is newer than the subscription snapshots.
        long timeBase = (System.currentTimeMillis() / 1000 + 3600) * 1000;
        try (SimVenues venues = SimVenues.start(config)) {
            WireGenerator g = new WireGenerator(venues, timeBase);
            out.println("READY " + venues.wsUrl() + " " + venues.infoUrl() + " " + venues.priceUrl() + " "
                    + venues.quoteUrl() + " " + venues.tokensUrl() + " " + timeBase);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("QUIT"); ) {
                if (line.startsWith("COINS ")) {
                    g.rotation(Set.of(line.substring(6).split(",")));
                    out.println("OK " + g.rotation.length);
                } else if (line.startsWith("AWAIT ")) {
                    out.println("OK " + g.await(Integer.parseInt(line.substring(6).trim())));
                } else if (line.startsWith("SESSIONS ")) {
                    out.println("OK " + g.sessions(Integer.parseInt(line.substring(9).trim())));
                } else if (line.startsWith("RUN ")) {
                    out.println(g.run(Schedule.parse(line)));
                } else {
                    out.println("ERR unknown command: " + line);
                }
            }
        }
    }

    private void rotation(Set<String> coins) {
        SimHyperliquidServer hl = venues.hyperliquid();
        Map<String, String> bbo = SimWireFrames.render(venues.market(), SimWireFrames.Kind.BBO, timeBase);
        Map<String, String> book = SimWireFrames.render(venues.market(), SimWireFrames.Kind.L2_BOOK, timeBase);
        Map<String, String> ctx = SimWireFrames.render(venues.market(), SimWireFrames.Kind.ACTIVE_ASSET_CTX, 0);
        List<String> names = new ArrayList<>(new HashSet<>(bbo.keySet()));
        names.retainAll(coins);
        names.sort(null);
        if (names.isEmpty() || hl == null) {
            throw new IllegalStateException("no coin to send: the engine tracks none of the sim's perps");
        }
        int n = 128 * Math.max(1, (names.size() + 127) / 128);
        rotation = new byte[n][];
        stampAt = new int[n];
        for (int i = 0; i < n; i++) {
            String coin = names.get(i % names.size());
            String text = i % 128 == 64 ? book.get(coin) : i % 128 == 96 ? ctx.get(coin) : bbo.get(coin);
            rotation[i] = text.getBytes(StandardCharsets.UTF_8);
            int at = text.indexOf("\"time\":");
            stampAt[i] = at < 0 ? -1 : at + 7;
        }
    }

    private int await(int subscriptions) throws InterruptedException {
        SimHyperliquidServer hl = venues.hyperliquid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (hl.subscriptions() < subscriptions && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The snapshots are out; from now on only the schedule's frames go to the engine.
        hl.stall();
        return hl.subscriptions();
    }

    /** Waits (up to 30 s) until exactly {@code n} WebSockets are open; returns how many are. */
    private int sessions(int n) throws InterruptedException {
        SimHyperliquidServer hl = venues.hyperliquid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hl.openWebSockets() != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return hl.openWebSockets();
    }

    /**
     * Asks the kernel for a 1 µs timer slack on the sending thread ({@code /proc/TID/timerslack_ns},
     * Linux 4.6+): with the default 50 µs a park meant to end before a frame is due often ends after it,
     * and the frame leaves late. Without the file (or the permission) it keeps the default and parks
     * that much earlier.
     */
    private void tightenTimerSlack() {
        try {
            // /proc/thread-self links to PID/task/TID; the knob is /proc/TID/timerslack_ns (not under task/).
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Path knob = Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
            Files.writeString(knob, Long.toString(TIGHT_SLACK_NANOS));
            marginNanos = TIGHT_MARGIN_NANOS;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            marginNanos = DEFAULT_MARGIN_NANOS;
        }
    }

    private String run(Schedule s) throws InterruptedException {
        SimHyperliquidServer hl = venues.hyperliquid();
        tightenTimerSlack();
        Histogram lag = new Histogram(60_000_000_000L, 3);
        long seq = s.firstSeq();
        long end = s.firstSeq() + s.count();
        while (seq < end) {
            long now = System.nanoTime();
            long wait = s.due(seq) - now;
            if (wait > marginNanos + MIN_PARK_NANOS) {
                LockSupport.parkNanos(wait - marginNanos);
                continue;
            }
            if (wait > 0) {
                Thread.onSpinWait();
                continue;
            }
            ByteBuf[] batch = new ByteBuf[(int) Math.min(MAX_BATCH, end - seq)];
            long[] due = new long[batch.length];
            int n = 0;
            while (seq < end && n < batch.length && s.due(seq) <= now) {
                batch[n] = frame(seq);
                due[n++] = s.due(seq);
                seq++;
            }
            int count = n;
            hl.injectFrames(batch, count, () -> {
                long t = System.nanoTime();
                for (int k = 0; k < count; k++) {
                    lag.recordValue(Math.max(0, t - due[k]));
                }
            });
        }
        CountDownLatch flushed = new CountDownLatch(1);
        hl.injectFrames(new ByteBuf[0], 0, flushed::countDown);
        flushed.await(60, TimeUnit.SECONDS);
        return String.format(Locale.ROOT, "DONE sent=%d sessions=%d lagP50=%d lagP99=%d lagMax=%d marginNs=%d",
                s.count(), hl.openWebSockets(), lag.getValueAtPercentile(50), lag.getValueAtPercentile(99),
                lag.getMaxValue(), marginNanos);
    }

    /** Frame {@code seq}: the rotation's frame with its time (13 digits) set to timeBase + seq. */
    private ByteBuf frame(long seq) {
        int k = (int) (seq % rotation.length);
        byte[] f = rotation[k];
        ByteBuf b = Unpooled.buffer(f.length).writeBytes(f);
        int at = stampAt[k];
        if (at >= 0) {
            long v = timeBase + seq;
            for (int i = 12; i >= 0; i--) {
                b.setByte(at + i, '0' + (int) (v % 10));
                v /= 10;
            }
        }
        return b;
    }
}
