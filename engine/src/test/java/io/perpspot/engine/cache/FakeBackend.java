package io.perpspot.engine.cache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RemoteBackend} the test drives: each probe answers the next scripted result (the
 * last one repeats), every command sent is kept with its future for the test to complete, and
 * {@link #refuseCommands} makes commands "not sent" as at the in-flight bound.
 */
final class FakeBackend implements RemoteBackend {
    static final Probe REFUSED = new Probe("RedisConnectionException: Connection refused", false);
    static final Probe TIMED_OUT = new Probe("no answer within 300 ms", true);

    /** A command sent: {@code value} and {@code ttlMillis} only for a SET. */
    record Command(String op, String key, byte[] value, long ttlMillis, CompletableFuture<byte[]> future) {
    }

    private final Deque<Probe> script = new ArrayDeque<>();
    private final List<Command> sent = new ArrayList<>();
    private Probe last = Probe.OK;
    private int probes;
    private boolean refuse;
    private int unansweredAtDrain;
    private final List<String> calls = new ArrayList<>();

    /** The next probes answer these, in order; the last keeps answering after. */
    synchronized FakeBackend then(Probe... next) {
        script.addAll(List.of(next));
        return this;
    }

    synchronized void refuseCommands(boolean on) {
        refuse = on;
    }

    /** {@link #drain} leaves the last {@code n} commands outstanding (a store that stopped answering). */
    synchronized void leaveUnansweredAtDrain(int n) {
        unansweredAtDrain = n;
    }

    synchronized int probes() {
        return probes;
    }

    synchronized List<Command> sent() {
        return List.copyOf(sent);
    }

    /** probe, drain and close, in the order they were called. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Probe probe() {
        probes++;
        calls.add("probe");
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public synchronized CompletableFuture<byte[]> get(String key) {
        return send("GET", key, null, 0);
    }

    @Override
    public synchronized CompletableFuture<?> set(String key, byte[] value, long ttlMillis) {
        return send("SET", key, value, ttlMillis);
    }

    private CompletableFuture<byte[]> send(String op, String key, byte[] value, long ttlMillis) {
        if (refuse) {
            return null;
        }
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        sent.add(new Command(op, key, value, ttlMillis, f));
        return f;
    }

    /** Answers every outstanding command but the last {@link #leaveUnansweredAtDrain} ones (SETs with OK). */
    @Override
    public synchronized int drain(Duration bound) {
        calls.add("drain");
        List<Command> open = sent.stream().filter(c -> !c.future().isDone()).toList();
        int answered = Math.max(0, open.size() - unansweredAtDrain);
        for (Command c : open.subList(0, answered)) {
            c.future().complete(null);
        }
        return open.size() - answered;
    }

    /** Fails what is still outstanding, as closing a connection does. */
    @Override
    public synchronized void close() {
        calls.add("close");
        for (Command c : sent) {
            c.future().completeExceptionally(new IllegalStateException("Connection closed"));
        }
    }
}
