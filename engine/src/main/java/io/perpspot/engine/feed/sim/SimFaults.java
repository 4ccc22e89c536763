package io.perpspot.engine.feed.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fault switches of a simulated REST venue, settable from a test while the server runs: refuse
 * (drop) connections, stall (hold requests unanswered until resumed), slow down (delay every
 * answer), answer garbage (a truncated JSON body with status 200), force the next answers'
 * status and body, or serve a canned body (a recorded real answer) instead of the computed one.
 * Applied by the venue's request handler on its event loop.
 */
public final class SimFaults {
    /** An answer: status, content type and body. */
    public record Reply(int status, String contentType, String body) {
        /** A 200 answer with a JSON body. */
        public static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }
    }

    private record Forced(Reply reply, int[] remaining) {
    }

    private final ArrayDeque<Forced> forced = new ArrayDeque<>();
    private final ArrayDeque<Runnable> parked = new ArrayDeque<>();
    final AtomicLong requests = new AtomicLong();
    private volatile ChannelGroup children;
    volatile boolean refusing;
    private volatile boolean stalled;
    private volatile long delayMillis;
    private volatile String garbage;
    private final Map<String, String> canned = new ConcurrentHashMap<>();

    void attach(ChannelGroup children) {
        this.children = children;
    }

    /** Refuses new connections (accepted and closed at once) and closes the open ones. */
    public void drop(boolean on) {
        refusing = on;
        ChannelGroup c = children;
        if (on && c != null) {
            c.close();
        }
    }

    /** Holds every request unanswered until {@link #resume()}. */
    public void stall() {
        stalled = true;
    }

    /** Answers the held requests and ends the stall. */
    public void resume() {
        stalled = false;
        Runnable r;
        while ((r = poll()) != null) {
            r.run();
        }
    }

    private synchronized Runnable poll() {
        return parked.pollFirst();
    }

    /** Delays every answer by {@code delay} (zero: none). */
    public void slow(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** While non-null, every answer is this body with status 200 (e.g. truncated JSON). */
    public void garbage(String body) {
        garbage = body;
    }

    /**
     * While set (non-null), every successful answer to requests of this kind is this body (a
     * recorded real answer). The kind is the request path for GET venues, the {@code type} of the
     * request body for Hyperliquid info.
     */
    public void canned(String kind, String body) {
        if (body == null) {
            canned.remove(kind);
        } else {
            canned.put(kind, body);
        }
    }

    /** The next {@code times} answers are this status and body. */
    public synchronized void failNext(int status, String contentType, String body, int times) {
        forced.addLast(new Forced(new Reply(status, contentType, body), new int[] {times}));
    }

    private synchronized Reply takeForced() {
        Forced f = forced.peekFirst();
        if (f == null) {
            return null;
        }
        if (--f.remaining()[0] <= 0) {
            forced.pollFirst();
        }
        return f.reply();
    }

    /** Requests received so far. */
    public long requests() {
        return requests.get();
    }

    /** Answers a request through the switches; {@code answer} computes the normal reply. */
    void answer(ChannelHandlerContext ctx, boolean keepAlive, String kind, Supplier<Reply> answer,
                Map<String, String> headers) {
        requests.incrementAndGet();
        Runnable send = () -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            Reply r = takeForced();
            if (r == null && garbage != null) {
                r = Reply.json(garbage);
            }
            if (r == null) {
                r = answer.get();
                String recorded = kind == null ? null : canned.get(kind);
                if (r.status() == 200 && recorded != null) {
                    r = Reply.json(recorded);
                }
            }
            HttpReplies.send(ctx, keepAlive, r.status(), r.contentType(), r.body(), headers);
        };
        Runnable delayed = () -> {
            long d = delayMillis;
            if (d > 0) {
                ctx.executor().schedule(send, d, TimeUnit.MILLISECONDS);
            } else {
                send.run();
            }
        };
        if (stalled) {
            synchronized (this) {
                parked.addLast(() -> ctx.executor().execute(delayed));
            }
            return;
        }
        delayed.run();
    }
}
