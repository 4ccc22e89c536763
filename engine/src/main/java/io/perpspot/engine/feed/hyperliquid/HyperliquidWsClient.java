package io.perpspot.engine.feed.hyperliquid;

import static io.perpspot.engine.config.Settings.HL_CONNECT_TIMEOUT;
import static io.perpspot.engine.config.Settings.HL_MAX_FRAME_BYTES;
import static io.perpspot.engine.config.Settings.HL_PING_INTERVAL;
import static io.perpspot.engine.config.Settings.HL_STALE_AFTER;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid WebSocket market-data client. Connects to the configured URLs in failover order,
 * subscribes every token to {@code bbo}, {@code l2Book} and {@code activeAssetCtx} plus one
 * {@code allMids}, decodes every text frame on the I/O thread with a {@link HyperliquidDecoder}
 * straight into the ring, pings when it has sent nothing for {@code ping-interval}, and treats a
 * socket silent for {@code stale-after} as dead. On any failure it reconnects with exponential
 * backoff and full jitter, moving to the next URL; every transition is journaled through the
 * {@link StatusPublisher}. It never blocks the I/O thread and never gives up.
 */
public final class HyperliquidWsClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidWsClient.class);
    /** Hyperliquid allows 1000 subscriptions per IP (protocols.md §1.8). */
    public static final int MAX_SUBSCRIPTIONS = 1000;

    private final List<URI> urls;
    private final TokenRegistry registry;
    private final EventPublisher publisher;
    private final FeedStats stats;
    private final StatusPublisher status;
    private final EpochNanoClock clock;
    private final EventLoopGroup group;
    private final Duration pingInterval;
    private final Duration staleAfter;
    private final Duration connectTimeout;
    private final int maxFrameBytes;
    private final Backoff backoff;
    private final List<String> subscriptions;
    private final int fixedSource;
    private final Listener listener;

    private volatile boolean closed;
    private volatile Channel channel;
    private volatile int urlIndex;
    private volatile int currentSource = Source.HL_WS_MAINNET;
    private volatile long connects;
    private volatile long framesOnConnection;
    private volatile HyperliquidDecoder decoder;
    /** The first dex's meta universe when this connection subscribes allDexsAssetCtxs, else null. */
    private volatile List<String> perpUniverse;
    private SslContext sslContext;

    /**
     * How a client keeps its connection.
     *
     * @param pingInterval   a ping when nothing was sent for this long ({@code feeds.hyperliquid.ping-interval})
     * @param staleAfter     a socket silent this long is dead ({@code feeds.hyperliquid.stale-after})
     * @param connectTimeout TCP connect and WebSocket handshake limit ({@code feeds.hyperliquid.connect-timeout})
     * @param maxFrameBytes  the largest (aggregated) frame accepted ({@code feeds.hyperliquid.max-frame-bytes})
     * @param backoff        the reconnect delays ({@code feeds.backoff})
     */
    public record Settings(Duration pingInterval, Duration staleAfter, Duration connectTimeout, int maxFrameBytes,
                           Backoff.Bounds backoff) {
        /** The engine's connections, from the configuration. */
        public static Settings from(Config config) {
            return new Settings(config.get(HL_PING_INTERVAL), config.get(HL_STALE_AFTER),
                    config.get(HL_CONNECT_TIMEOUT), config.get(HL_MAX_FRAME_BYTES), Backoff.Bounds.from(config));
        }
    }

    /**
     * A client of its own: every token of {@code registry} on one connection, the {@code urls}
     * tried in failover order, each state journaled through {@code out.status()}.
     */
    public HyperliquidWsClient(List<String> urls, TokenRegistry registry, Settings settings, FeedContext out,
                               EventLoopGroup group) {
        this(urls.stream().map(URI::create).toList(), -1, subscriptionMessages(registry), registry, settings, out,
                out.status(), null, group);
    }

    /** Health callbacks of one connection, for a failover controller. Called on the I/O thread. */
    public interface Listener {
        /** The connection is subscribed and has delivered its first frame since (re)connecting. */
        void up(HyperliquidWsClient client);

        /** The connection failed (connect failure, close, staleness); it retries on its own with backoff. */
        void down(HyperliquidWsClient client, int state, String reason);
    }

    /**
     * One connection of a failover tier: a single URL, an explicit journal source (the tier's
     * role, e.g. mainnet), a given share of the subscriptions, and health reported to a
     * {@link Listener} instead of the journal ({@code out.status()} is not used).
     */
    public HyperliquidWsClient(String url, int source, List<String> subscriptions, TokenRegistry registry,
                               Settings settings, FeedContext out, Listener listener, EventLoopGroup group) {
        this(List.of(URI.create(url)), source, subscriptions, registry, settings, out, null, listener, group);
    }

    private HyperliquidWsClient(List<URI> urls, int fixedSource, List<String> subscriptions, TokenRegistry registry,
                                Settings settings, FeedContext out, StatusPublisher status, Listener listener,
                                EventLoopGroup group) {
        this.urls = new ArrayList<>(urls);
        this.registry = registry;
        this.publisher = out.publisher();
        this.stats = out.stats();
        this.status = status;
        this.clock = out.clock();
        this.group = group;
        this.pingInterval = settings.pingInterval();
        this.staleAfter = settings.staleAfter();
        this.connectTimeout = settings.connectTimeout();
        this.maxFrameBytes = settings.maxFrameBytes();
        this.backoff = settings.backoff().newBackoff();
        this.subscriptions = List.copyOf(subscriptions);
        this.fixedSource = fixedSource;
        this.listener = listener;
        if (fixedSource >= 0) {
            this.currentSource = fixedSource;
        }
    }

    /** The subscribe frames for a token set: allMids, then bbo, l2Book and activeAssetCtx per coin. */
    static List<String> subscriptionMessages(TokenRegistry registry) {
        List<String> subs = new ArrayList<>();
        subs.add("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}");
        for (Token t : registry.all()) {
            for (String type : new String[] {"bbo", "l2Book", "activeAssetCtx"}) {
                subs.add("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"" + type + "\",\"coin\":\""
                        + t.hlCoin() + "\"}}");
            }
        }
        if (subs.size() > MAX_SUBSCRIPTIONS) {
            LOG.warn("{} subscriptions exceed Hyperliquid's {} per IP; only the first {} are sent",
                    subs.size(), MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS);
            return List.copyOf(subs.subList(0, MAX_SUBSCRIPTIONS));
        }
        return List.copyOf(subs);
    }

    /** The Source code for a WebSocket URL: mainnet, testnet, or another host (sim, local). */
    public static int sourceOf(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("api.hyperliquid.xyz")) {
            return Source.HL_WS_MAINNET;
        }
        if (host.equals("api.hyperliquid-testnet.xyz")) {
            return Source.HL_WS_TESTNET;
        }
        return Source.HL_WS_OTHER;
    }

    private int sourceFor(URI uri) {
        return fixedSource >= 0 ? fixedSource : sourceOf(uri);
    }

    /**
     * Starts connecting on the event loop and returns at once; from then on the client reconnects by itself (next URL,
     * backoff) until {@link #close}.
     */
    public void start() {
        group.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI uri = urls.get(urlIndex);
        int source = sourceFor(uri);
        currentSource = source;
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        SslContext ssl;
        try {
            ssl = tls ? tlsContext() : null;
        } catch (SSLException e) {
            failed(uri, "TLS setup failed: " + e.getMessage());
            return;
        }
        LOG.debug("hyperliquid: connecting to {}", uri);
        HyperliquidDecoder d = new HyperliquidDecoder(registry, source, publisher, stats);
        List<String> universe = perpUniverse;
        if (universe != null) {
            d.perpUniverse(universe);
        }
        decoder = d;
        framesOnConnection = 0;
        WebSocketClientProtocolConfig wsConfig = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(maxFrameBytes)
                .handshakeTimeoutMillis(connectTimeout.toMillis())
                .dropPongFrames(true)
                .build();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(64 * 1024));
                        p.addLast(new WebSocketClientProtocolHandler(wsConfig));
                        p.addLast(new WebSocketFrameAggregator(maxFrameBytes));
                        p.addLast(new IdleStateHandler(staleAfter.toMillis(), pingInterval.toMillis(), 0,
                                TimeUnit.MILLISECONDS));
                        p.addLast(new FrameHandler(uri, source));
                    }
                });
        ChannelFuture f = b.connect(uri.getHost(), port);
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                failed(uri, "connect failed: " + describe(done.cause()));
            }
        });
    }

    /** One TLS context for every connection and retry (built on first use, on the I/O thread). */
    private SslContext tlsContext() throws SSLException {
        if (sslContext == null) {
            sslContext = SslContextBuilder.forClient().build();
        }
        return sslContext;
    }

    private int lastFailureState = SourceState.DOWN;

    private void failed(URI uri, String reason) {
        if (closed) {
            return;
        }
        int source = sourceFor(uri);
        if (status != null) {
            status.publish(source, SourceState.DOWN, reason);
        }
        if (listener != null) {
            listener.down(this, lastFailureState, reason);
        }
        lastFailureState = SourceState.DOWN;
        if (urls.size() > 1) {
            urlIndex = (urlIndex + 1) % urls.size();
        }
        Duration delay = backoff.next();
        LOG.info("hyperliquid: {} ({}); retry {} in {} ms via {}", reason, uri, backoff.failures(),
                delay.toMillis(), urls.get(urlIndex));
        group.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
    }

    /** Per-connection handler: subscriptions on handshake, decoding, heartbeat, staleness. */
    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final URI uri;
        private final int source;
        private String closeReason;
        private boolean handshaken;

        FrameHandler(URI uri, int source) {
            this.uri = uri;
            this.source = source;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshaken = true;
                connects++;
                for (String s : subscriptions) {
                    ctx.write(new TextWebSocketFrame(s));
                }
                ctx.flush();
                if (status != null) {
                    status.publish(source, SourceState.UP, "connected to " + uri + ", " + subscriptions.size()
                            + " subscriptions sent");
                }
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                closeReason = "handshake timed out";
                ctx.close();
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE && handshaken) {
                    ctx.writeAndFlush(new TextWebSocketFrame("{\"method\":\"ping\"}"));
                } else if (idle.state() == IdleState.READER_IDLE) {
                    closeReason = "stale: nothing received for " + staleAfter.toMillis() + " ms";
                    if (status != null) {
                        status.publish(source, SourceState.STALE, closeReason);
                    }
                    lastFailureState = SourceState.STALE;
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame)) {
                return; // Hyperliquid sends text frames only; binary or pong frames carry nothing for us
            }
            long now = clock.nanoTime();
            ByteBuf content = frame.content();
            int len = content.readableBytes(); // bounded by the frame aggregator (max-frame-bytes)
            byte[] buf = decoder.buffer(len);
            content.getBytes(content.readerIndex(), buf, 0, len);
            decoder.decode(len, now);
            if (++framesOnConnection == 1 && handshaken && listener != null) {
                listener.up(HyperliquidWsClient.this);
            }
            if (framesOnConnection == 100) {
                backoff.reset(); // a connection that delivers data is healthy
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
                stats.reject(source, Reject.OVERSIZE, null, 0, 0, describe(cause));
                closeReason = "frame over the size limit or corrupt: " + describe(cause);
            } else if (closeReason == null) {
                closeReason = describe(cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            super.channelInactive(ctx);
            if (closed) {
                return;
            }
            String reason = closeReason != null ? closeReason
                    : handshaken ? "server closed the connection" : "connection closed during the handshake";
            failed(uri, reason);
        }
    }

    /** The source currently in use (mainnet, testnet, other). */
    public int currentSource() {
        return currentSource;
    }

    /** Consecutive failed attempts since the last healthy connection. */
    public int failures() {
        return backoff.failures();
    }

    /** Subscribe frames sent on each (re)connect. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Successful connections (handshakes) so far. */
    public long connects() {
        return connects;
    }

    /**
     * Names the contexts of {@code allDexsAssetCtxs} frames by the first dex's meta universe, on every (re)connect
     * from now on: set before {@code start} on the connection that subscribes the aggregate.
     */
    public void perpUniverse(List<String> metaCoins) {
        perpUniverse = metaCoins == null ? null : List.copyOf(metaCoins);
    }

    /** Decoder of the current connection (acks, pongs, server errors), or null before the first. */
    public HyperliquidDecoder decoder() {
        return decoder;
    }

    @Override
    public void close() {
        closed = true;
        Channel c = channel;
        if (c != null) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
