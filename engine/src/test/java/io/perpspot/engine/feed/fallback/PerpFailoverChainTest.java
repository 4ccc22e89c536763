package io.perpspot.engine.feed.fallback;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.perpspot.engine.app.EngineAssembly;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimHyperliquidServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The perp-side failover chain against the loopback venues (two Hyperliquid servers playing
 * mainnet and testnet, CoinGecko, Kraken), with faults injected while it runs.
 */
class PerpFailoverChainTest {
    /** Backoff cap of these tests: a recovered source is retried at most this long after. */
    private static final Duration BACKOFF_MAX = Duration.ofMillis(200);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private SimVenues venues;
    private SimHyperliquidServer mainnet;
    private SimHyperliquidServer testnet;
    private TokenRegistry registry;
    private EventLoopGroup group;
    private RecordingPublisher out;
    private FeedStats stats;
    private PerpFeeds perp;

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=30", "sim.tick-interval=20ms",
                "sim.bbo-interval=50ms", "sim.book-interval=200ms", "sim.ctx-interval=100ms",
                "sim.mids-interval=200ms")));
        mainnet = venues.hyperliquid();
        testnet = venues.hyperliquidTestnet();
        registry = new TokenRegistry(venues.market().universe());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        out = new RecordingPublisher();
        stats = new FeedStats();
    }

    @AfterEach
    void tearDown() {
        if (perp != null) {
            perp.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        venues.close();
    }

    private Config config(String... extra) {
        List<String> sets = new ArrayList<>(List.of("feeds.backoff.initial=20ms", "feeds.backoff.max="
                + BACKOFF_MAX.toMillis() + "ms",
                "feeds.hyperliquid.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms",
                "feeds.hyperliquid.stale-after=2s",
                "feeds.hyperliquid.subscriptions-per-connection=40", "feeds.hyperliquid.rest-poll-interval=100ms",
                "feeds.fallback.poll-interval=100ms", "feeds.http-timeout=2s"));
        sets.addAll(List.of(extra));
        return ConfigLoader.load(null, sets)
                .with(Settings.HL_WS, String.join(",", venues.wsUrls()))
                .with(Settings.HL_REST, String.join(",", venues.infoUrls()))
                .with(Settings.FALLBACK_COINGECKO, venues.coingecko().url())
                .with(Settings.FALLBACK_KRAKEN, venues.kraken().url());
    }

    private PerpFeeds start(Config config) {
        OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        FeedContext ctx = new FeedContext(out, stats, new StatusPublisher(out, clock), clock);
        perp = EngineAssembly.perpSide(config, registry, ctx, group);
        perp.start();
        return perp;
    }

    private void awaitActive(int source, double seconds) {
        await(Source.name(source) + " serving the perp side; statuses " + out.statuses(), seconds,
                () -> perp.activeSource() == source);
    }

    /** Data of every token arrives from that source (bbo from a WebSocket). */
    private void awaitBboFrom(int source) {
        long before = out.count(source, EventType.PERP_BBO);
        await("bbo from " + Source.name(source), 15, () -> out.count(source, EventType.PERP_BBO) > before + 30
                && out.tokens(source, EventType.PERP_BBO) == registry.size());
    }

    @Test
    void mainnetDropFailsOverToTestnetWithinTheBackoffBoundAndReturnsWhenMainnetRecovers() {
        start(config());
        awaitActive(Source.HL_WS_MAINNET, 15);
        awaitBboFrom(Source.HL_WS_MAINNET);
        assertEquals(0, testnet.webSocketsOpened(), "testnet is not touched while mainnet is healthy");
        assertEquals(3, mainnet.openWebSockets(),
                "1 + 3 x 30 subscriptions over connections of at most 40, a coin's three together: 40 + 39 + 12");
        assertEquals(1 + 3 * registry.size(), mainnet.subscriptions());

        mainnet.refuseConnections(true);
        long t0 = System.nanoTime();
        mainnet.dropAllConnections();
        awaitActive(Source.HL_WS_TESTNET, 15);
        long failoverMillis = (System.nanoTime() - t0) / 1_000_000;
        // The testnet tier starts at the first failure, without waiting for mainnet's backoff: one
        // connect plus the cap of the backoff, with room for a loaded machine.
        assertTrue(failoverMillis < CONNECT_TIMEOUT.toMillis() + BACKOFF_MAX.toMillis() + 8_000,
                "failover took " + failoverMillis + " ms");
        awaitBboFrom(Source.HL_WS_TESTNET);
        long mainnetBboWhileDown = out.count(Source.HL_WS_MAINNET, EventType.PERP_BBO);

        mainnet.refuseConnections(false);
        awaitActive(Source.HL_WS_MAINNET, 15);
        awaitBboFrom(Source.HL_WS_MAINNET);
        assertTrue(out.count(Source.HL_WS_MAINNET, EventType.PERP_BBO) > mainnetBboWhileDown);
        await("testnet released", 10, () -> testnet.openWebSockets() == 0);

        List<String> s = out.statuses();
        assertTrue(out.hasStatus("hl-ws-mainnet down: " + venues.wsUrls().get(0)), s.toString());
        assertTrue(out.hasStatus("hl-ws-testnet up: perp side failed over to hl-ws-testnet (from hl-ws-mainnet)"),
                s.toString());
        assertTrue(out.hasStatus("hl-ws-mainnet up: perp side back on hl-ws-mainnet (from hl-ws-testnet)"),
                s.toString());
        assertTrue(out.hasStatus("hl-ws-testnet down: standby"), s.toString());
    }

    @Test
    void bothWebSocketsDownFallsBackToRestThenCoinGeckoThenKrakenAndBackToMainnet() {
        start(config());
        awaitActive(Source.HL_WS_MAINNET, 15);

        mainnet.refuseWebSockets(true);
        testnet.refuseWebSockets(true);
        awaitActive(Source.HL_REST, 15);
        await("REST mids, contexts and books", 15, () ->
                out.tokens(Source.HL_REST, EventType.PERP_MID) == registry.size()
                && out.tokens(Source.HL_REST, EventType.PERP_CTX) == registry.size()
                && out.count(Source.HL_REST, EventType.PERP_BOOK) >= 8);

        mainnet.refuseConnections(true);
        testnet.refuseConnections(true);
        mainnet.dropAllConnections(); // kept-alive HTTP connections die with the venue
        testnet.dropAllConnections();
        awaitActive(Source.COINGECKO, 15);
        await("CoinGecko prices", 15, () -> out.count(Source.COINGECKO, EventType.PERP_MID) > 0);

        venues.coingecko().faults().drop(true);
        awaitActive(Source.KRAKEN, 15);
        await("Kraken tickers, renamed keys included", 15, () -> out.count(Source.KRAKEN, EventType.PERP_BBO) > 0);
        // Every lower-priority source stops publishing once a higher one serves: the gate.
        long coingeckoAfter = out.count(Source.COINGECKO, EventType.PERP_MID);

        venues.coingecko().faults().drop(false);
        mainnet.refuseConnections(false);
        testnet.refuseConnections(false);
        mainnet.refuseWebSockets(false);
        testnet.refuseWebSockets(false);
        awaitActive(Source.HL_WS_MAINNET, 20);
        awaitBboFrom(Source.HL_WS_MAINNET);
        long krakenNow = out.count(Source.KRAKEN, EventType.PERP_BBO);
        long restNow = out.count(Source.HL_REST, EventType.PERP_MID);
        awaitBboFrom(Source.HL_WS_MAINNET);
        assertEquals(krakenNow, out.count(Source.KRAKEN, EventType.PERP_BBO), "Kraken stopped after the return");
        assertEquals(restNow, out.count(Source.HL_REST, EventType.PERP_MID), "REST stopped after the return");
        assertTrue(coingeckoAfter > 0);
        List<String> s = out.statuses();
        assertTrue(out.hasStatus("hl-rest up: perp side failed over to hl-rest"), s.toString());
        assertTrue(out.hasStatus("coingecko up: perp side failed over to coingecko"), s.toString());
        assertTrue(out.hasStatus("kraken up: perp side failed over to kraken"), s.toString());
        assertTrue(out.hasStatus("hl-rest down: "), s.toString());
        assertTrue(out.hasStatus("coingecko down: "), s.toString());
        assertTrue(out.hasStatus("hl-ws-mainnet up: perp side back on hl-ws-mainnet"), s.toString());
    }

    @Test
    void aStalledSocketIsDetectedByStalenessAndTheChainFailsOver() {
        start(config("feeds.hyperliquid.stale-after=600ms"));
        awaitActive(Source.HL_WS_MAINNET, 15);
        mainnet.stall();
        await("stale reported", 15, () -> out.hasStatus("hl-ws-mainnet stale: "));
        awaitActive(Source.HL_WS_TESTNET, 15);
        awaitBboFrom(Source.HL_WS_TESTNET);
        String firstFailure = out.statuses().stream()
                .filter(x -> x.startsWith("hl-ws-mainnet down") || x.startsWith("hl-ws-mainnet stale")).findFirst()
                .orElseThrow();
        assertTrue(firstFailure.startsWith("hl-ws-mainnet stale: ")
                && firstFailure.contains("nothing received for 600 ms"),
                "the open but silent socket was caught by staleness first: " + out.statuses());
        mainnet.resume();
        awaitActive(Source.HL_WS_MAINNET, 15);
    }

    @Test
    void restErrorsAndGarbageAreRejectedCountedAndFailTheRestTier() {
        start(config());
        awaitActive(Source.HL_WS_MAINNET, 15);
        mainnet.refuseWebSockets(true);
        testnet.refuseWebSockets(true);
        awaitActive(Source.HL_REST, 15);
        long midsBefore = out.count(Source.HL_REST, EventType.PERP_MID);
        mainnet.info().garbage("{\"BTC\":\"84143.5\",\"SOL\":");
        testnet.info().failNext(422, "text/plain", "Failed to deserialize the JSON body into the target type", 1000);
        await("REST tier down after garbage and 422", 15, () -> perp.activeSource() == Source.COINGECKO
                && stats.rejects(Source.HL_REST, Reject.HTTP_STATUS) >= 1);
        assertTrue(stats.rejects(Source.HL_REST, Reject.TRUNCATED) >= 1
                || stats.rejects(Source.HL_REST, Reject.MALFORMED_JSON) >= 1);
        long midsAtFailure = out.count(Source.HL_REST, EventType.PERP_MID);
        assertTrue(midsAtFailure >= midsBefore);
        assertTrue(out.hasStatus("hl-rest down: "), out.statuses().toString());
    }
}
