package io.perpspot.bench.wire;

import io.perpspot.bench.FullPathState;
import io.perpspot.bench.harness.BaselinePipeline;
import io.perpspot.engine.tokens.TokenRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The baseline over the wire: the JDK's own WebSocket client ({@link HttpClient#newWebSocketBuilder()})
 * connected to the generator like the engine, handing each text frame to the {@link BaselinePipeline}
 * (jackson tree decode on the client's thread, {@code ArrayBlockingQueue}, JSON-lines journal, the same
 * strategy). The same frames at the same offered rates as the engine's runs, measured the same way: from
 * each frame's intended send time ({@link Schedule}, the frame's {@code time} minus the time base; an
 * activeAssetCtx is the frame after the last numbered one), send → received (the listener's
 * {@code onText}) and send → processed (the strategy done, recorded by the pipeline itself).
 *
 * <pre>
 *   generator JVM ── loopback ──▶ JDK WebSocket (HttpClient thread): onText ─▶ intended time from the frame
 *        ─▶ BaselinePipeline.offer: readTree ─▶ ArrayBlockingQueue ─▶ consumer: JSON lines + Strategy
 * </pre>
 */
final class WireBaseline implements AutoCloseable {
    private static final byte[] TIME = "\"time\":".getBytes(StandardCharsets.US_ASCII);

    private final TokenRegistry registry;
    private final long timeBase;
    private final WebSocket socket;
    private volatile Target target;
    private long lastSeq = -1;

    /** What the listener feeds: one rate's pipeline and schedule. */
    private record Target(BaselinePipeline pipeline, Schedule schedule, long recordFrom, Histogram received) {
    }

    /** The figures of one rate. */
    record Result(long sent, long measured, long processed, long dropped, long rejected, Histogram received,
            Histogram processedLatency) {
        /** Send → processed at a percentile, microseconds. */
        double us(double percentile) {
            return processedLatency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Connects to {@code ws} (the handshake done when this returns). */
    WireBaseline(String ws, TokenRegistry registry, long timeBase) throws Exception {
        this.registry = registry;
        this.timeBase = timeBase;
        HttpClient http = HttpClient.newHttpClient();
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /**
     * Runs one rate: a fresh pipeline in {@code dir}, the generator sends the schedule (through
     * {@code send}, which returns when the generator is done), then waits until every frame received was
     * processed or nothing moved for {@code quietNanos}.
     */
    Result run(Path dir, Schedule s, long warmupNanos, GeneratorCall send, long quietNanos) throws Exception {
        Files.createDirectories(dir);
        long epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        try (BaselinePipeline p = new BaselinePipeline(dir, registry, FullPathState.strategySettings(), 16_384,
                epochOffset)) {
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (p.processed() < p.setupEvents() && System.nanoTime() < waitUntil) {
                Thread.sleep(1);
            }
            long recordFrom = s.startNanos() + warmupNanos;
            p.recordFrom(recordFrom);
            Target t = new Target(p, s, recordFrom, new Histogram(StageProbe.HIGHEST, 3));
            target = t;
            send.call(s.command());
            long setup = p.setupEvents();
            Drain.await(() -> p.processed() - setup + p.dropped() + p.rejected() >= s.count() && p.backlog() == 0,
                    p::processed, quietNanos);
            target = null;
            return new Result(s.count(), p.latency().getTotalCount(), p.processed() - setup, p.dropped(),
                    p.rejected(), t.received, p.latency().copy());
        }
    }

    /** Sends a RUN line to the generator and waits for its DONE. */
    @FunctionalInterface
    interface GeneratorCall {
        void call(String command) throws Exception;
    }

    private void onFrame(byte[] frame) {
        Target t = target;
        if (t == null) {
            return;
        }
        long now = System.nanoTime();
        long seq = sequence(frame);
        if (seq < 0 || !t.schedule.contains(seq)) {
            return;
        }
        long intended = t.schedule.due(seq);
        if (intended >= t.recordFrom) {
            t.received.recordValue(Math.max(0, Math.min(now - intended, StageProbe.HIGHEST)));
        }
        t.pipeline.offer(frame, false, intended);
    }

    /** The frame's sequence number: its {@code time} minus the time base, or the last one + 1 without. */
    private long sequence(byte[] f) {
        int at = indexOf(f, TIME);
        if (at < 0) {
            return lastSeq < 0 ? -1 : lastSeq + 1;
        }
        long v = 0;
        for (int i = at + TIME.length; i < f.length && f[i] >= '0' && f[i] <= '9'; i++) {
            v = v * 10 + (f[i] - '0');
        }
        lastSeq = v - timeBase;
        return lastSeq;
    }

    private static int indexOf(byte[] f, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= f.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (f[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    /** Joins a frame's parts and hands whole frames on; asks for the next message each time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                parts.append(data);
            } else if (parts.length() > 0) {
                parts.append(data);
                onFrame(parts.toString().getBytes(StandardCharsets.UTF_8));
                parts.setLength(0);
            } else {
                onFrame(data.toString().getBytes(StandardCharsets.UTF_8));
            }
            ws.request(1);
            return null;
        }
    }
}
