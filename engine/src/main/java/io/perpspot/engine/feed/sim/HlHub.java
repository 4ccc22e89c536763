package io.perpspot.engine.feed.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state of the Hyperliquid sim: open WebSocket sessions, subscriptions grouped by their
 * canonical form (so a push is rendered once for all its subscribers), counters and fault switches.
 * Written by the connection handlers; read by the pusher and by tests through the server.
 */
final class HlHub {
    /** One connected WebSocket client. */
    static final class Session {
        final Channel channel;
        final Map<String, HlSubscription> subscriptions = new ConcurrentHashMap<>();
        volatile long lastInboundNanos = System.nanoTime();
        /** Set when the server has decided to drop it: nothing more is sent. */
        volatile boolean doomed;

        Session(Channel channel) {
            this.channel = channel;
        }
    }

    /** Everyone subscribed to one canonical subscription. */
    static final class Group {
        final HlSubscription subscription;
        final Set<Session> members = ConcurrentHashMap.newKeySet();
        /** The last bbo pushed (without its time): bbo is pushed only when it changes. */
        volatile String lastBbo;

        Group(HlSubscription subscription) {
            this.subscription = subscription;
        }
    }

    static final long DROP_DELAY_MILLIS = 30;

    final SimMarket market;
    final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    final Map<String, Group> groups = new ConcurrentHashMap<>();

    final AtomicLong connectionsAccepted = new AtomicLong();
    final AtomicLong webSocketsOpened = new AtomicLong();
    final AtomicLong messagesReceived = new AtomicLong();
    final AtomicLong subscribeMessagesReceived = new AtomicLong();
    final AtomicLong infoRequests = new AtomicLong();
    final AtomicInteger subscriptions = new AtomicInteger();

    volatile boolean stalled;
    volatile boolean refusing;
    volatile boolean refusingWs;
    final SimFaults infoFaults = new SimFaults();
    volatile boolean greeting = true;
    volatile long idleTimeoutNanos = 60_000_000_000L;

    HlHub(SimMarket market) {
        this.market = market;
    }

    /** Adds a subscription; false if the session already has it. */
    boolean subscribe(Session s, HlSubscription sub) {
        if (s.subscriptions.putIfAbsent(sub.json(), sub) != null) {
            return false;
        }
        groups.compute(sub.json(), (k, g) -> {
            Group group = g == null ? new Group(sub) : g;
            group.members.add(s);
            return group;
        });
        subscriptions.incrementAndGet();
        return true;
    }

    /** Removes a subscription; false if the session did not have it. */
    boolean unsubscribe(Session s, HlSubscription sub) {
        if (s.subscriptions.remove(sub.json()) == null) {
            return false;
        }
        groups.computeIfPresent(sub.json(), (k, g) -> {
            g.members.remove(s);
            return g.members.isEmpty() ? null : g;
        });
        subscriptions.decrementAndGet();
        return true;
    }

    /** Forgets a closed session and all its subscriptions. */
    void closed(Session s) {
        if (sessions.remove(s)) {
            for (HlSubscription sub : s.subscriptions.values()) {
                unsubscribe(s, sub);
            }
        }
    }

    /**
     * Drops a connection the way Hyperliquid does, without a word or a close frame: the session
     * goes silent and leaves every group at once, and the TCP connection is closed shortly after.
     * The pause keeps the FIN from riding in the same segment as a last push, which some clients
     * (the JDK's WebSocket) can fail to notice; the real service also takes up to ~100 ms.
     */
    void drop(Session s) {
        if (s.doomed) {
            return;
        }
        s.doomed = true;
        closed(s);
        s.channel.eventLoop().schedule(() -> {
            s.channel.close();
        }, DROP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sends one text frame to a session unless the server is stalled or dropping it. */
    void send(Session s, String text) {
        if (!stalled && !s.doomed) {
            s.channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** Writes one rendered message to every member of a group (flushed by {@link #flushAll}). */
    void broadcast(Group g, String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            for (Session s : g.members) {
                s.channel.write(new TextWebSocketFrame(buf.retainedDuplicate()));
            }
        } finally {
            buf.release();
        }
    }

    void flushAll() {
        for (Session s : sessions) {
            s.channel.flush();
        }
    }
}
