package io.perpspot.engine.feed.hyperliquid;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimHyperliquidServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty Hyperliquid client against the loopback sim venue, including its failures. */
class HyperliquidWsClientTest {
    private SimVenues venues;
    private SimHyperliquidServer server;
    private TokenRegistry registry;
    private EventLoopGroup group;
    private CountingPublisher out;
    private FeedStats stats;
    private final List<HyperliquidWsClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=30", "sim.tick-interval=20ms",
                "sim.bbo-interval=50ms", "sim.book-interval=200ms", "sim.ctx-interval=100ms",
                "sim.mids-interval=200ms")));
        server = venues.hyperliquid();
        registry = new TokenRegistry(venues.market().universe());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        out = new CountingPublisher();
        stats = new FeedStats();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(HyperliquidWsClient::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        venues.close();
    }

    private HyperliquidWsClient client(List<String> urls, Duration ping, Duration stale, int maxFrame) {
        HyperliquidWsClient.Settings settings = new HyperliquidWsClient.Settings(ping, stale, Duration.ofSeconds(2),
                maxFrame, new Backoff.Bounds(Duration.ofMillis(20), Duration.ofMillis(200)));
        FeedContext ctx = new FeedContext(out, stats, new StatusPublisher(out, new OffsetEpochNanoClock()),
                new OffsetEpochNanoClock());
        HyperliquidWsClient c = new HyperliquidWsClient(urls, registry, settings, ctx, group);
        clients.add(c);
        c.start();
        return c;
    }

    private HyperliquidWsClient client() {
        return client(List.of(server.wsUrl()), Duration.ofSeconds(30), Duration.ofSeconds(30), 1 << 20);
    }

    private int expectedSubscriptions() {
        return 1 + 3 * registry.size();
    }

    @Test
    void subscribesEveryTokenAndDecodesEveryChannel() {
        HyperliquidWsClient c = client();
        await("all subscriptions", 10, () -> server.subscriptions() == expectedSubscriptions());
        await("bbo, book, ctx and mids for every token", 10, () -> out.tokens(EventType.PERP_BBO) == registry.size()
                && out.tokens(EventType.PERP_BOOK) == registry.size()
                && out.tokens(EventType.PERP_CTX) == registry.size()
                && out.tokens(EventType.PERP_MID) == registry.size());
        assertEquals(0, stats.rejects(Source.HL_WS_OTHER), "the sim speaks the protocol our decoder reads");
        assertEquals(1, c.decoder().greetings(), "plain-text greeting tolerated");
        assertEquals(expectedSubscriptions(), c.decoder().acks());
        assertEquals(Source.HL_WS_OTHER, c.currentSource());
        assertTrue(out.statuses().get(0).startsWith("hl-ws-other up"), out.statuses().toString());
    }

    @Test
    void reconnectsAndResubscribesAfterTheServerDropsTheSocket() {
        HyperliquidWsClient c = client();
        await("subscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        server.dropAllConnections();
        await("second connection", 10, () -> c.connects() == 2);
        await("resubscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        long before = out.count(EventType.PERP_BBO);
        await("data flows again", 10, () -> out.count(EventType.PERP_BBO) > before + 50);
        List<String> s = out.statuses();
        assertTrue(s.stream().anyMatch(x -> x.startsWith("hl-ws-other down")), s.toString());
        assertTrue(s.get(s.size() - 1).startsWith("hl-ws-other up"), s.toString());
    }

    @Test
    void aStalledSocketIsDeclaredStaleAndReplaced() {
        HyperliquidWsClient c = client(List.of(server.wsUrl()), Duration.ofSeconds(30), Duration.ofMillis(600),
                1 << 20);
        await("subscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        server.stall();
        await("stale detected", 10, () -> out.statuses().stream().anyMatch(x -> x.startsWith("hl-ws-other stale")));
        await("reconnected", 10, () -> c.connects() >= 2);
        server.resume();
        long before = out.count(EventType.PERP_BBO);
        await("data flows after resume", 10, () -> out.count(EventType.PERP_BBO) > before + 50);
    }

    @Test
    void pingsWhenItHasSentNothingForTheInterval() {
        HyperliquidWsClient c = client(List.of(server.wsUrl()), Duration.ofSeconds(1), Duration.ofSeconds(30), 1 << 20);
        await("subscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        long subscribes = server.subscribeMessagesReceived();
        await("a ping answered with a pong", 10, () -> c.decoder().pongs() >= 1);
        assertTrue(server.messagesReceived() > subscribes, "pings are client messages");
    }

    @Test
    void failsOverAlongTheUrlList() throws IOException {
        String dead = "ws://127.0.0.1:" + Ports.freeLoopbackPort() + "/ws";
        HyperliquidWsClient c = client(List.of(dead, server.wsUrl()), Duration.ofSeconds(30), Duration.ofSeconds(30),
                1 << 20);
        await("connected to the second URL", 10, () -> c.connects() == 1);
        await("data", 10, () -> out.count(EventType.PERP_BBO) > 10);
        assertTrue(out.statuses().get(0).startsWith("hl-ws-other down: connect failed"), out.statuses().toString());
    }

    @Test
    void keepsRetryingWithBackoffWhenNothingListens() throws IOException {
        String dead = "ws://127.0.0.1:" + Ports.freeLoopbackPort() + "/ws";
        HyperliquidWsClient c = client(List.of(dead), Duration.ofSeconds(30), Duration.ofSeconds(30), 1 << 20);
        await("several attempts", 10, () -> server.connectionsAccepted() == 0 && stats.frames(Source.HL_WS_OTHER) == 0
                && out.statuses().size() == 1 && attempts(c) >= 4);
        assertEquals(1, out.statuses().size(), "the same state is journaled once, not per retry");
        assertEquals(0, c.connects());
    }

    private static int attempts(HyperliquidWsClient c) {
        return c.failures();
    }

    @Test
    void garbageFramesAreRejectedAndTheConnectionSurvives() {
        HyperliquidWsClient c = client();
        await("subscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        server.injectText("not json at all");
        server.injectText("{\"channel\":\"bbo\",\"data\":{\"coin\":\"SOL\",\"ti");
        server.injectText("{\"channel\":\"bbo\",\"data\":{\"coin\":\"NOPE\",\"time\":1,\"bbo\":[null,null]}}");
        await("three rejections", 10, () -> stats.rejects(Source.HL_WS_OTHER) == 3);
        assertEquals(1, stats.rejects(Source.HL_WS_OTHER, Reject.NOT_JSON));
        assertEquals(1, stats.rejects(Source.HL_WS_OTHER, Reject.TRUNCATED));
        assertEquals(1, stats.rejects(Source.HL_WS_OTHER, Reject.UNKNOWN_COIN));
        long before = out.count(EventType.PERP_BBO);
        await("data keeps flowing", 10, () -> out.count(EventType.PERP_BBO) > before + 50);
        assertEquals(1, c.connects(), "no reconnect for bad frames");
    }

    @Test
    void aFrameOverTheSizeLimitIsRefusedAndTheClientReconnects() {
        HyperliquidWsClient c = client(List.of(server.wsUrl()), Duration.ofSeconds(30), Duration.ofSeconds(30), 8192);
        await("subscribed", 10, () -> server.subscriptions() == expectedSubscriptions());
        server.injectText("{\"channel\":\"pong\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        await("oversize counted", 10, () -> stats.rejects(Source.HL_WS_OTHER, Reject.OVERSIZE) >= 1);
        await("reconnected", 10, () -> c.connects() >= 2);
    }
}
