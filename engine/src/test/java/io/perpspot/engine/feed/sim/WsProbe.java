package io.perpspot.engine.feed.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JDK {@link WebSocket} client for the tests: queues every text message, and tells a server
 * close frame ({@link #closeFrameCode}) apart from a dropped connection ({@link #dropped}). The JDK
 * reports a TCP close without a close frame as {@code onClose(1006)}: 1006 is reserved and can
 * never arrive in a real close frame, so it counts as a drop (as does {@code onError}).
 */
final class WsProbe implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final int ABNORMAL_CLOSURE = 1006;

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeFrameCode = new CompletableFuture<>();
    final CompletableFuture<Throwable> dropped = new CompletableFuture<>();
    final AtomicInteger pings = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static WsProbe connect(HttpClient client, String url) {
        WsProbe p = new WsProbe();
        try {
            p.ws = client.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(url), p)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot connect to " + url, e);
        }
        return p;
    }

    /** Connects and swallows the greeting. */
    static WsProbe connectPastGreeting(HttpClient client, String url) {
        WsProbe p = connect(client, url);
        String first = p.next();
        if (!first.equals("Websocket connection established.")) {
            fail("expected the greeting first, got " + first);
        }
        return p;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (statusCode != ABNORMAL_CLOSURE) {
            closeFrameCode.complete(statusCode);
        } else {
            dropped.complete(new IllegalStateException("closed without a close frame (1006)"));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dropped.complete(error);
    }

    void send(String text) {
        try {
            ws.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("send failed: " + text, e);
        }
    }

    /** The next message, failing after the standard wait. */
    String next() {
        return next(WAIT);
    }

    String next(Duration wait) {
        String m = poll(wait);
        assertNotNull(m, "no message within " + wait);
        return m;
    }

    /** The next message, or null after {@code wait}. */
    String poll(Duration wait) {
        try {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips messages until one matches. */
    String nextMatching(Predicate<String> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String m = poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m != null && p.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message within " + WAIT);
    }

    /** Messages that arrive within {@code window}. */
    List<String> drain(Duration window) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            String m = poll(Duration.ofNanos(left));
            if (m != null) {
                out.add(m);
            }
        }
    }

    /** Waits until the connection is dropped and asserts no close frame came. */
    void assertDroppedWithoutCloseFrame(Duration wait) {
        try {
            dropped.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the connection was not dropped within " + wait
                    + (closeFrameCode.isDone() ? " (a close frame came: " + closeFrameCode.join() + ")" : ""), e);
        }
        assertFalse(closeFrameCode.isDone(), "the server sent a close frame");
    }

    boolean isOpen() {
        return !dropped.isDone() && !closeFrameCode.isDone() && !ws.isInputClosed();
    }

    @Override
    public void close() {
        ws.abort();
    }
}
