package io.perpspot.engine.feed.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local Jupiter: Price API v3 ({@code /price/v3}), Tokens API v2 ({@code /tokens/v2/tag},
 * {@code /tokens/v2/search}) and Metis quotes ({@code /swap/v1/quote}) on one loopback port,
 * priced by a {@link SimMarket}. Reads the market's prices, decimals and liquidity; writes JSON
 * answers shaped like the real service (protocols.md 3). There is no rate limit unless one is set.
 *
 * <p>Switches: {@link #rateLimit(int, Duration)}, {@link #requireApiKey(String)}. Fault injection:
 * {@link #failNext(int, int)}, {@link #rateLimitNext(int)}, {@link #stall()} / {@link #resume()},
 * {@link #dropAllConnections()}, {@link #dropNext(int)}, {@link #slowDown(Duration)},
 * {@link #garbageNext(int, JupiterGarbage)}; replay: {@link #serveRecorded(String, int, String)};
 * counters of requests per path, their arrival times and their {@code x-api-key} values.
 */
public final class SimJupiterServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 1 << 16;
    /** Jupiter counts requests over a 60 s sliding window. */
    private static final Duration JUPITER_WINDOW = Duration.ofSeconds(60);

    private final JupiterControls controls;
    private final Channel serverChannel;
    private final ChannelGroup children;
    private final EventLoop loop;

    private SimJupiterServer(JupiterControls controls, Channel serverChannel, ChannelGroup children, EventLoop loop) {
        this.controls = controls;
        this.serverChannel = serverChannel;
        this.children = children;
        this.loop = loop;
    }

    /** Starts on an ephemeral loopback port. */
    public static SimJupiterServer start(SimMarket market, EventLoopGroup group) {
        return start(market, group, 0);
    }

    /** Starts on {@code 127.0.0.1:port} (0 = ephemeral), using {@code group} for I/O. */
    public static SimJupiterServer start(SimMarket market, EventLoopGroup group, int port) {
        JupiterControls controls = new JupiterControls();
        JupiterApi api = new JupiterApi(market);
        JupiterQuoter quoter = new JupiterQuoter(market);
        EventLoop loop = group.next();
        ChannelGroup children = new DefaultChannelGroup("sim-jupiter", loop);
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new JupiterHttpHandler(controls, api, quoter));
                    }
                });
        Channel server = b.bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        return new SimJupiterServer(controls, server, children, loop);
    }

    /** The loopback port it listens on (chosen when it started, if asked for 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:PORT/price/v3}. */
    public String priceUrl() {
        return baseUrl() + "/price/v3";
    }

    /** {@code http://127.0.0.1:PORT/swap/v1/quote}. */
    public String quoteUrl() {
        return baseUrl() + "/swap/v1/quote";
    }

    /** {@code http://127.0.0.1:PORT/tokens/v2} (append {@code /tag?query=verified} or {@code /search?query=}). */
    public String tokensUrl() {
        return baseUrl() + "/tokens/v2";
    }

    // ---- switches ----------------------------------------------------------------------------

    /**
     * Limits requests like Jupiter's tiers: {@code requestsPerSecond × 60} requests (at least one)
     * per 60 s sliding window. Zero or less removes the limit (the default).
     */
    public void rateLimit(double requestsPerSecond) {
        if (requestsPerSecond <= 0) {
            controls.limiter = null;
        } else {
            rateLimit((int) Math.max(1, Math.floor(requestsPerSecond * JUPITER_WINDOW.toSeconds())), JUPITER_WINDOW);
        }
    }

    /** At most {@code requests} accepted requests in any sliding {@code window}. */
    public void rateLimit(int requests, Duration window) {
        controls.limiter = new RateLimiter(requests, window.toMillis());
    }

    /** Requires {@code x-api-key: key} on every request (401 otherwise); null accepts any request. */
    public void requireApiKey(String key) {
        controls.apiKey = key;
    }

    // ---- fault injection ---------------------------------------------------------------------

    /** Answers the next {@code times} requests with {@code status} (429 gets the rate-limit body and headers). */
    public void failNext(int times, int status) {
        controls.force(status, times);
    }

    /** Answers the next {@code times} requests with 429 {@code {"message":"Rate limit exceeded"}}. */
    public void rateLimitNext(int times) {
        controls.force(429, times);
    }

    /** Holds every request unanswered (connections stay open) until {@link #resume()}. */
    public void stall() {
        controls.stalled = true;
    }

    /** Ends a stall and answers the parked requests in arrival order. */
    public void resume() {
        loop.execute(() -> {
            controls.stalled = false;
            while (!controls.parked.isEmpty()) {
                controls.parked.pollFirst().run();
            }
        });
    }

    /** Closes the connection of each of the next {@code times} requests without answering. */
    public void dropNext(int times) {
        controls.drop(times);
    }

    /** Answers every request {@code delay} late (zero: on time again). */
    public void slowDown(Duration delay) {
        controls.delayMillis = delay.toMillis();
    }

    /** Spoils the body of each of the next {@code times} good (200) answers the {@code kind} way. */
    public void garbageNext(int times, JupiterGarbage kind) {
        controls.garbage(kind, times);
    }

    /**
     * Answers the next request of {@code path} (e.g. {@code /price/v3}) with this recorded
     * response instead of the market's (after the rate-limit gate, whose headers it gets on 200).
     * Queued: several recordings of a path are served in order.
     */
    public void serveRecorded(String path, int status, String body) {
        controls.record(path, new JupiterControls.Recorded(status, body, Map.of()));
    }

    /** Closes every open connection at once. */
    public void dropAllConnections() {
        children.close();
    }

    // ---- counters ----------------------------------------------------------------------------

    /** Requests received for a path (e.g. {@code /price/v3}), answered or not. */
    public long requests(String path) {
        return controls.requests(path);
    }

    /** Requests received on every path, answered or not. */
    public long totalRequests() {
        return controls.totalRequests();
    }

    /** Arrival time ({@link System#nanoTime()}) of every request so far, in order. */
    public List<Long> requestArrivals() {
        return controls.arrivals();
    }

    /**
     * Requests of a path by the {@code x-api-key} header they carried ("" for none), sorted by
     * value: lets a test prove that a client sends its key on every request, or never.
     */
    public Map<String, Long> apiKeys(String path) {
        return controls.apiKeys(path);
    }

    /** Requests per path, sorted by path. */
    public Map<String, Long> requestsByPath() {
        return controls.snapshot();
    }

    /** Closes the port and every connection. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        children.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
