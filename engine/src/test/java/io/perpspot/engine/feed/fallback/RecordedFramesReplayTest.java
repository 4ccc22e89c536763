package io.perpspot.engine.feed.fallback;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.hyperliquid.HyperliquidWsClient;
import io.perpspot.engine.feed.sim.SimCoinGeckoServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real recorded Hyperliquid frames and REST answers, a CoinGecko and a Kraken answer, served by
 * the loopback venues to the real clients; the decoded values are checked against the recordings.
 */
class RecordedFramesReplayTest {
    private static final Backoff.Bounds BACKOFF = new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(50));
    private static final Duration POLL = Duration.ofMillis(100);
    private SimVenues venues;
    private EventLoopGroup group;
    private ScheduledExecutorService polls;
    private final RecordingPublisher out = new RecordingPublisher();
    private final FeedStats stats = new FeedStats();
    private final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5)).limitedTo(1 << 20);

    /** Health reports of a tier run alone. */
    private final StringBuffer health = new StringBuffer();
    private final PerpTier.Health recorder = new PerpTier.Health() {
        @Override
        public void up(PerpTier tier, String detail) {
            health.append("up ").append(Source.name(tier.source())).append('\n');
        }

        @Override
        public void down(PerpTier tier, int state, String reason) {
            health.append("down ").append(Source.name(tier.source())).append(' ').append(reason).append('\n');
        }
    };

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=120")));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        polls = Executors.newSingleThreadScheduledExecutor();
        out.keep = true;
    }

    @AfterEach
    void tearDown() {
        polls.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        venues.close();
    }

    private FeedContext context() {
        return new FeedContext(out, stats, new StatusPublisher(out, clock), clock);
    }

    private MarketEvent find(Predicate<MarketEvent> p, String what) {
        return out.kept().stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no " + what));
    }

    private static long px(String decimal) {
        return FixedPoint.parse(decimal, FixedPoint.PRICE_DECIMALS);
    }

    private static long sz(String decimal) {
        return FixedPoint.parse(decimal, FixedPoint.SIZE_DECIMALS);
    }

    @Test
    void capturedWebSocketFramesThroughTheFakeVenueDecodeToTheRecordedValues() {
        // The sim lists kPEPE and MATIC (delisted) as perps without a Solana pair: add them as pairs here.
        List<Token> tokens = new ArrayList<>(venues.market().universe());
        for (String coin : List.of("kPEPE", "MATIC")) {
            if (tokens.stream().noneMatch(t -> t.hlCoin().equals(coin))) {
                tokens.add(new Token(0, coin.replace("k", ""), coin, coin.startsWith("k") ? 3 : 0,
                        coin.startsWith("k") ? "PepePepePepePepePepePepePepePepe" : "MaticMaticMaticMaticMaticMaticMa",
                        6));
            }
        }
        TokenRegistry registry = new TokenRegistry(tokens);
        for (String coin : List.of("BTC", "kPEPE", "MATIC")) {
            assertNotEquals(CharIndex.MISSING, registry.idByCoin(coin), coin + " must be in the sim universe");
        }
        // Stalled: the venue sends nothing of its own, so the client's decoder sees only the captures.
        venues.hyperliquid().stall();
        HyperliquidWsClient client = new HyperliquidWsClient(List.of(venues.wsUrl()), registry,
                new HyperliquidWsClient.Settings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5),
                        1 << 20, BACKOFF), context(), group);
        try {
            client.start();
            await("subscribed", 15, () -> venues.hyperliquid().subscriptions() == 1 + 3 * registry.size());
            List<String> frames = Fixtures.lines("hyperliquid_ws_captured_frames.jsonl");
            frames.forEach(venues.hyperliquid()::injectText);
            await("captured frames decoded", 15, () -> stats.frames(Source.HL_WS_OTHER) >= frames.size());
        } finally {
            client.close();
        }
        int btc = registry.idByCoin("BTC");
        int pepe = registry.idByCoin("kPEPE");
        int matic = registry.idByCoin("MATIC");
        MarketEvent book = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == btc, "BTC book");
        assertEquals(1790232236546L, book.exchTimeMs);
        assertEquals(3, book.bidCount);
        assertEquals(px("84143.0"), book.bidPxs[0]);
        assertEquals(sz("10.25923"), book.bidSzs[0]);
        assertEquals(36, book.bidNs[0]);
        assertEquals(px("84151.0"), book.askPxs[2]);
        MarketEvent k = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == pepe, "kPEPE book");
        assertEquals(px("0.000004411"), k.bidPxs[0], "kPEPE is priced per 1000 tokens: per token it is /1000");
        assertEquals(sz("2058973000"), k.bidSzs[0], "and sized in thousands");
        MarketEvent delisted = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == matic, "MATIC book");
        assertEquals(0, delisted.bidCount + delisted.askCount, "a delisted coin pushes empty levels");
        MarketEvent bbo = find(e -> e.type == EventType.PERP_BBO && e.tokenId == btc, "BTC bbo");
        assertEquals(px("84143.0"), bbo.bidPx);
        assertEquals(px("84144.0"), bbo.askPx);
        assertEquals(sz("50.66422"), bbo.askSz);
        MarketEvent ctx = find(e -> e.type == EventType.PERP_CTX && e.tokenId == btc, "BTC ctx");
        assertEquals(px("84148.0"), ctx.markPx);
        assertEquals(px("84198.0"), ctx.oraclePx);
        assertEquals(px("0.0000018952"), ctx.funding);
        assertEquals(0, stats.rejects(Source.HL_WS_OTHER), "every captured frame is valid");
    }

    @Test
    void recordedRestAnswersThroughTheFakeInfoEndpointDecodeToTheRecordedValues() {
        TokenRegistry registry = Fixtures.registryWith(
                new Token(0, "DYDX", "DYDX", 0, "DYDXdydxDYDXdydxDYDXdydxDYDXdydx1", 6));
        venues.hyperliquid().info()
                .canned("allMids", Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_all_mids.yaml", 0));
        venues.hyperliquid().info()
                .canned("l2Book", Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_l2_snapshot.yaml", 1));
        HyperliquidRestTier rest = new HyperliquidRestTier(new HyperliquidRestTier.Settings(List.of(venues.infoUrl()),
                POLL, registry.size(), BACKOFF), registry, http, context(), polls, recorder);
        rest.start();
        try {
            await("two polls", 15, () -> rest.polls() >= 2);
        } finally {
            rest.stop();
        }
        int btc = registry.idByCoin("BTC");
        int eth = registry.idByCoin("ETH");
        int dydx = registry.idByCoin("DYDX");
        assertEquals(px("30135.0"), find(e -> e.type == EventType.PERP_MID && e.tokenId == btc, "BTC mid").midPx);
        assertEquals(px("1903.95"), find(e -> e.type == EventType.PERP_MID && e.tokenId == eth, "ETH mid").midPx);
        MarketEvent book = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == dydx, "DYDX book");
        assertEquals(px("2.111"), book.bidPxs[0]);
        assertEquals(sz("134.4"), book.bidSzs[0]);
        assertEquals(1689630203930L, book.exchTimeMs);
        assertTrue(stats.rejects(Source.HL_REST, Reject.DUPLICATE_TIME) >= 1,
                "the same recorded book polled again repeats its time: counted as a duplicate, not published twice");
        assertEquals(1, out.kept().stream().filter(e -> e.type == EventType.PERP_BOOK && e.tokenId == dydx).count());
    }

    @Test
    void theRestTierPollsTheBooksOfMatchedSpotPairsAsHlSpotBooks() {
        TokenRegistry registry = new TokenRegistry(venues.market().universe(), venues.market().spotPairs());
        int perBook = registry.size() + registry.spotPairs().size();
        HyperliquidRestTier rest = new HyperliquidRestTier(new HyperliquidRestTier.Settings(List.of(venues.infoUrl()),
                POLL, perBook, BACKOFF), registry, http, context(), polls, recorder);
        rest.start();
        try {
            await("a poll", 15, () -> rest.polls() >= 1);
        } finally {
            rest.stop();
        }
        int btc = registry.idByCoin("BTC");
        MarketEvent spot = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == btc && e.source == Source.HL_SPOT,
                "BTC spot book");
        MarketEvent perp = find(e -> e.type == EventType.PERP_BOOK && e.tokenId == btc && e.source == Source.HL_REST,
                "BTC perp book");
        assertTrue(spot.bidCount > 0 && spot.askCount > 0);
        assertTrue(Math.abs((double) spot.bidPxs[0] / perp.bidPxs[0] - 1) < 0.005, "spot near the perp");
        assertEquals(0, stats.rejects(Source.HL_REST), "no @N answer rejected");
    }

    @Test
    void recordedCoinGeckoAndKrakenAnswersDecodeToTheRecordedValues() {
        TokenRegistry registry = Fixtures.registryWith();
        FallbackIds ids = FallbackIds.bundled();
        venues.coingecko().faults()
                .canned(SimCoinGeckoServer.PATH, Fixtures.text("coingecko_simple_price_btc_doc.json"));
        venues.kraken().faults().canned("/0/public/Ticker", Fixtures.text("kraken_ticker_xbtusd_2026-09.json"));
        CoinGeckoTier cg = new CoinGeckoTier(new PollSettings(venues.coingecko().url(), POLL, BACKOFF),
                new CoinGeckoDecoder(registry, ids, out, stats), http, context(), polls, recorder);
        KrakenTier kr = new KrakenTier(new PollSettings(venues.kraken().url(), POLL, BACKOFF),
                new KrakenDecoder(registry, ids, out, stats), http, context(), polls, recorder);
        cg.start();
        kr.start();
        try {
            await("answers decoded", 15, () -> cg.polls() >= 1 && kr.polls() >= 1
                    && stats.rejects(Source.COINGECKO, Reject.DUPLICATE_TIME) >= 1);
        } finally {
            cg.stop();
            kr.stop();
        }
        int btc = registry.idByCoin("BTC");
        MarketEvent mid = find(e -> e.source == Source.COINGECKO && e.tokenId == btc, "CoinGecko BTC");
        assertEquals(px("67187.3358936566"), mid.midPx);
        assertEquals(1711356300_000L, mid.exchTimeMs);
        assertEquals(1, out.kept().stream().filter(e -> e.source == Source.COINGECKO).count(),
                "CoinGecko's cached answer repeats last_updated_at: published once");
        MarketEvent t = find(e -> e.source == Source.KRAKEN && e.tokenId == btc, "Kraken XXBTZUSD");
        assertEquals(EventType.PERP_BBO, t.type);
        assertEquals(px("84036.00000"), t.bidPx);
        assertEquals(px("84036.10000"), t.askPx);
        assertTrue(health.toString().contains("up coingecko") && health.toString().contains("up kraken"),
                health.toString());
    }
}
