package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A local Hyperliquid: WebSocket market data at {@code /ws} and {@code POST /info} on one loopback
 * port, driven by a {@link SimMarket}. Reads the push cadences {@code sim.bbo-interval},
 * {@code sim.book-interval}, {@code sim.ctx-interval} and {@code sim.mids-interval}; writes
 * frames and HTTP answers that follow the real service (protocols.md sections 1 and 2), including
 * its habit of closing a socket without a word on a bad coin or after 60 s of client silence.
 * Never sends WebSocket protocol pings.
 *
 * <p>Fault injection for tests: {@link #dropAllConnections()}, {@link #refuseConnections(boolean)},
 * {@link #stall()} / {@link #resume()}, {@link #injectText(String)}; counters of connections,
 * subscriptions and received messages.
 */
public final class SimHyperliquidServer implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final HlHub hub;
    private final Channel serverChannel;
    private final ChannelGroup children;
    private final EventLoop loop;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private HlInfoApi infoApi;
    private volatile boolean closed;

    private SimHyperliquidServer(HlHub hub, Channel serverChannel, ChannelGroup children, EventLoop loop) {
        this.hub = hub;
        this.serverChannel = serverChannel;
        this.children = children;
        this.loop = loop;
    }

    /** Starts on an ephemeral loopback port. */
    public static SimHyperliquidServer start(SimMarket market, Config config, EventLoopGroup group) {
        return start(market, config, group, 0);
    }

    /** Starts on {@code 127.0.0.1:port} (0 = ephemeral), using {@code group} for I/O and pushes. */
    public static SimHyperliquidServer start(SimMarket market, Config config, EventLoopGroup group, int port) {
        HlHub hub = new HlHub(market);
        HlPusher pusher = new HlPusher(hub);
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        HlInfoApi info = new HlInfoApi(market);
        HlHttpHandler http = new HlHttpHandler(info, mapper, hub.infoRequests, hub.infoFaults);
        hub.idleTimeoutNanos = config.get(Settings.SIM_HL_IDLE_TIMEOUT).toNanos();
        EventLoop loop = group.next();
        ChannelGroup children = new DefaultChannelGroup("sim-hyperliquid", loop);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .checkStartsWith(false)
                // No close frame on our closes: the real server just drops the TCP connection.
                .sendCloseFrame(null)
                .dropPongFrames(true)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .build();
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        hub.connectionsAccepted.incrementAndGet();
                        if (hub.refusing) {
                            ch.close();
                            return;
                        }
                        children.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(MAX_MESSAGE_BYTES));
                        p.addLast(new WebSocketServerProtocolHandler(ws));
                        p.addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
                        p.addLast(http);
                        p.addLast(new HlWsHandler(hub, pusher, info, mapper));
                    }
                });
        Channel server = b.bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        SimHyperliquidServer s = new SimHyperliquidServer(hub, server, children, loop);
        s.infoApi = info;
        s.every(config.get(Settings.SIM_BBO), pusher::pushBbo);
        s.every(config.get(Settings.SIM_BOOK), () -> pusher.pushBooks(false));
        Duration fast = config.get(Settings.SIM_BOOK).compareTo(HlPusher.FAST_BOOK_INTERVAL) < 0
                ? config.get(Settings.SIM_BOOK) : HlPusher.FAST_BOOK_INTERVAL;
        s.every(fast, () -> pusher.pushBooks(true));
        s.every(config.get(Settings.SIM_CTX), () -> pusher.pushType(HlSubscription.Type.ACTIVE_ASSET_CTX));
        s.every(config.get(Settings.SIM_MIDS), () -> pusher.pushType(HlSubscription.Type.ALL_MIDS));
        s.every(config.get(Settings.SIM_CTX), () -> pusher.pushType(HlSubscription.Type.ALL_DEXS_ASSET_CTXS));
        s.scheduleIdleSweep();
        return s;
    }

    private void every(Duration interval, Runnable task) {
        long ns = interval.toNanos();
        tasks.add(loop.scheduleAtFixedRate(task, ns, ns, TimeUnit.NANOSECONDS));
    }

    /** Drops clients that have sent nothing for the idle timeout; re-arms itself at a quarter of it. */
    private void scheduleIdleSweep() {
        if (closed) {
            return;
        }
        long idle = hub.idleTimeoutNanos;
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), Math.min(TimeUnit.SECONDS.toNanos(1), idle / 4));
        loop.schedule(() -> {
            long now = System.nanoTime();
            for (HlHub.Session s : hub.sessions) {
                if (now - s.lastInboundNanos > hub.idleTimeoutNanos) {
                    hub.drop(s);
                }
            }
            scheduleIdleSweep();
        }, period, TimeUnit.NANOSECONDS);
    }

    /** The loopback port it listens on (chosen when it started, if asked for 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code ws://127.0.0.1:PORT/ws}. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    /** {@code http://127.0.0.1:PORT/info}. */
    public String infoUrl() {
        return "http://127.0.0.1:" + port() + "/info";
    }

    // ---- behaviour switches ------------------------------------------------------------------

    /** Whether to send {@code Websocket connection established.} after each upgrade (default on). */
    public void greeting(boolean on) {
        hub.greeting = on;
    }

    /** Client silence after which a socket is dropped without a close frame (default 60 s). */
    public void idleTimeout(Duration timeout) {
        hub.idleTimeoutNanos = timeout.toNanos();
    }

    // ---- fault injection ---------------------------------------------------------------------

    /** Closes every open connection at once, without close frames. */
    public void dropAllConnections() {
        for (HlHub.Session s : hub.sessions) {
            hub.drop(s);
        }
        // Plain HTTP connections (info) go too; WebSockets close on their own short fuse.
        loop.schedule(() -> {
            children.close();
        }, HlHub.DROP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * While on, WebSocket upgrades complete and the socket is closed at once without a word
     * (the info endpoint on the same port keeps answering): a WebSocket-only outage.
     */
    public void refuseWebSockets(boolean refuse) {
        hub.refusingWs = refuse;
        if (refuse) {
            for (HlHub.Session s : hub.sessions) {
                hub.drop(s);
            }
        }
    }

    /**
     * Per-answer limits of the info endpoint's history ({@code candleSnapshot}: 5000,
     * {@code fundingHistory}: 500, as the real service); lower them to exercise a client's pagination.
     */
    public void historyLimits(int candlesPerAnswer, int fundingRowsPerAnswer) {
        infoApi.historyLimits(candlesPerAnswer, fundingRowsPerAnswer);
    }

    /** The clock (epoch ms) the synthetic history ends at; the wall clock by default. */
    public void historyClock(LongSupplier nowMs) {
        infoApi.historyClock(nowMs);
    }

    /** Fault switches of the info endpoint: stall, slow, garbage, forced 422/500, canned answers. */
    public SimFaults info() {
        return hub.infoFaults;
    }

    /** While on, new TCP connections are accepted and closed at once. */
    public void refuseConnections(boolean refuse) {
        hub.refusing = refuse;
    }

    /**
     * Stops sending anything (greetings, acks, pongs, snapshots, pushes) while keeping sockets
     * open; incoming frames are still read and counted, subscriptions still recorded.
     */
    public void stall() {
        hub.stalled = true;
    }

    /** Ends a {@link #stall()}; pushes resume at the next cadence tick. */
    public void resume() {
        hub.stalled = false;
    }

    /** True between {@link #stall()} and {@link #resume()}. */
    public boolean stalled() {
        return hub.stalled;
    }

    /** Sends a raw text frame to every open WebSocket, stalled or not. */
    public void injectText(String text) {
        for (HlHub.Session s : hub.sessions) {
            s.channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /**
     * Seam for a load generator (the benchmarks' wire harness): writes {@code count} ready frames to every
     * open WebSocket, stalled or not, on the server's event loop, flushes once, then runs {@code written}
     * there (the generator's send stamp). Takes over the buffers (released after the write).
     */
    public void injectFrames(ByteBuf[] frames, int count, Runnable written) {
        loop.execute(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    for (HlHub.Session s : hub.sessions) {
                        s.channel.write(new TextWebSocketFrame(frames[i].retainedDuplicate()));
                    }
                }
                for (HlHub.Session s : hub.sessions) {
                    s.channel.flush();
                }
            } finally {
                for (int i = 0; i < count; i++) {
                    frames[i].release();
                }
            }
            written.run();
        });
    }

    // ---- counters ----------------------------------------------------------------------------

    /** TCP connections accepted since start (refused ones included). */
    public long connectionsAccepted() {
        return hub.connectionsAccepted.get();
    }

    /** WebSocket upgrades completed since start. */
    public long webSocketsOpened() {
        return hub.webSocketsOpened.get();
    }

    /** WebSockets open now. */
    public int openWebSockets() {
        return hub.sessions.size();
    }

    /** Subscriptions active now, over all sockets. */
    public int subscriptions() {
        return hub.subscriptions.get();
    }

    /** WebSocket data frames received since start. */
    public long messagesReceived() {
        return hub.messagesReceived.get();
    }

    /** Frames with {@code "method":"subscribe"} received since start. */
    public long subscribeMessagesReceived() {
        return hub.subscribeMessagesReceived.get();
    }

    /** Requests to {@code /info} since start. */
    public long infoRequests() {
        return hub.infoRequests.get();
    }

    /** Stops the pushes and closes the port and every connection. */
    @Override
    public void close() {
        closed = true;
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        children.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
