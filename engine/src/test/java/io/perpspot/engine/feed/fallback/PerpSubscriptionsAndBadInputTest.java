package io.perpspot.engine.feed.fallback;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.perpspot.engine.app.EngineAssembly;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;

/** Coin validation and subscription spreading on loopback; bad fallback answers rejected per reason. */
class PerpSubscriptionsAndBadInputTest {

    /** The 30-token sim, one I/O thread, a recording publisher and the perp side under test; closes all three. */
    private static final class Rig implements AutoCloseable {
        final SimVenues venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=30",
                "sim.tick-interval=20ms", "sim.bbo-interval=50ms", "sim.book-interval=200ms",
                "sim.ctx-interval=100ms")));
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final RecordingPublisher out = new RecordingPublisher();
        final FeedStats stats = new FeedStats();
        PerpFeeds perp;

        /** Starts the perp side on {@code registry} with the test's backoff, no fallback and {@code sets}. */
        Rig start(TokenRegistry registry, String... sets) {
            List<String> all = new ArrayList<>(List.of("feeds.backoff.initial=20ms", "feeds.backoff.max=200ms",
                    "feeds.fallback.enabled=false"));
            all.addAll(List.of(sets));
            OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
            perp = EngineAssembly.perpSide(ConfigLoader.load(null, all)
                            .with(Settings.HL_WS, venues.wsUrl()).with(Settings.HL_REST, venues.infoUrl()),
                    registry, new FeedContext(out, stats, new StatusPublisher(out, clock), clock), group);
            perp.start();
            return this;
        }

        @Override
        public void close() {
            if (perp != null) {
                perp.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            venues.close();
        }
    }

    @Test
    void aBadCoinInTheTokenSetNeverKillsTheOtherSubscriptions() {
        try (Rig rig = new Rig()) {
            List<Token> tokens = new ArrayList<>(rig.venues.market().universe());
            // Unknown and lowercase coins: either one on a socket makes Hyperliquid drop it silently.
            tokens.add(new Token(0, "NOPE", "NOPE", 0, "NopeNopeNopeNopeNopeNopeNopeNope", 6));
            tokens.add(new Token(0, "btc", "btc", 0, "btcbtcbtcbtcbtcbtcbtcbtcbtcbtcbtc", 6));
            TokenRegistry registry = new TokenRegistry(tokens);
            PerpFeeds perp = rig.start(registry, "feeds.hyperliquid.subscriptions-per-connection=25").perp;
            RecordingPublisher out = rig.out;
            SimVenues venues = rig.venues;
            int good = registry.size() - 2;
            await("bbo, books and contexts of every listed coin", 15, () -> perp.activeSource() == Source.HL_WS_MAINNET
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_BBO) == good
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_CTX) == good);
            long bbo = out.count(Source.HL_WS_MAINNET, EventType.PERP_BBO);
            await("more data on the same sockets", 15, () -> out.count(Source.HL_WS_MAINNET, EventType.PERP_BBO) > bbo
                    + 200);
            assertEquals(2, rig.stats.rejects(Source.HL_WS_MAINNET, Reject.NOT_IN_META),
                    "NOPE and btc never subscribed");
            assertEquals(1 + 3 * good, venues.hyperliquid().subscriptions());
            assertEquals(4, venues.hyperliquid().openWebSockets(), "91 subscriptions, at most 25 per connection: 4");
            assertEquals(4, venues.hyperliquid().webSocketsOpened(), "no socket was ever dropped and reopened");
            assertTrue(out.statuses().stream().noneMatch(x -> x.startsWith("hl-ws-mainnet down")),
                    out.statuses().toString());
        }
    }

    @Test
    void pairsAddedByARediscoveryAreSubscribedOnNewConnectionsWithoutTouchingTheRunningOnes() {
        try (Rig rig = new Rig()) {
            List<Token> all = rig.venues.market().universe();
            PerpFeeds perp = rig.start(new TokenRegistry(all.subList(0, 20)),
                    "feeds.hyperliquid.subscriptions-per-connection=40").perp;
            RecordingPublisher out = rig.out;
            SimVenues venues = rig.venues;
            await("the first 20 pairs", 15, () -> perp.activeSource() == Source.HL_WS_MAINNET
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_BBO) == 20);
            assertEquals(2, venues.hyperliquid().openWebSockets(), "61 subscriptions, at most 40 per connection");
            TokenRegistry next = new TokenRegistry(all);
            List<Token> added = all.subList(20, 30);
            assertEquals(10, perp.addPairs(next, added));
            await("bbo and contexts of the 10 added pairs", 15, () ->
                    out.tokens(Source.HL_WS_MAINNET, EventType.PERP_BBO) == 30
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_CTX) == 30);
            assertEquals(1 + 3 * 30, venues.hyperliquid().subscriptions(), "one allMids, three per pair");
            assertEquals(3, venues.hyperliquid().openWebSockets(), "one new connection of 30 subscriptions");
            assertEquals(3, venues.hyperliquid().webSocketsOpened(), "the running connections were not reopened");
            assertTrue(out.statuses().stream().noneMatch(s -> s.startsWith("hl-ws-mainnet down")),
                    out.statuses().toString());
        }
    }

    @Test
    void spotPairsFoundByARediscoveryAreSubscribedOnANewConnection() {
        try (Rig rig = new Rig()) {
            List<Token> all = rig.venues.market().universe();
            PerpFeeds perp = rig.start(new TokenRegistry(all)).perp;
            RecordingPublisher out = rig.out;
            SimVenues venues = rig.venues;
            await("the 30 perps", 15, () -> perp.activeSource() == Source.HL_WS_MAINNET
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_BBO) == 30);
            assertEquals(0, out.tokens(Source.HL_SPOT, EventType.PERP_BBO), "no spot pair known at the start");
            int running = venues.hyperliquid().openWebSockets();
            // The sim's HYPE is a perp without a mint, so not tracked: its @107 is no pair of the registry.
            Map<String, String> spot = new HashMap<>(venues.market().spotPairs());
            spot.keySet().retainAll(all.stream().map(Token::hlCoin).toList());
            assertEquals(4, spot.size(), "BTC, ETH, SOL and PUMP trade on Hyperliquid spot in the sim: " + spot);
            assertEquals(0, perp.addPairs(new TokenRegistry(all).withSpotPairs(spot), List.of()), "no new perp");
            await("the spot books of the four pairs", 15, () -> out.tokens(Source.HL_SPOT, EventType.PERP_BBO) == 4);
            assertEquals(1 + 3 * 30 + 2 * 4, venues.hyperliquid().subscriptions(), "two a spot pair, on top");
            assertEquals(running + 1, venues.hyperliquid().openWebSockets(), "on one new connection");
            assertEquals(running + 1, venues.hyperliquid().webSocketsOpened(), "the running ones were not reopened");
            assertEquals(0, perp.addPairs(new TokenRegistry(all).withSpotPairs(spot), List.of()));
            assertEquals(running + 1, venues.hyperliquid().webSocketsOpened(), "a pair is subscribed once");
        }
    }

    @Test
    void whenTheCapBindsEveryContextComesFromTheAggregateChannel() {
        try (Rig rig = new Rig()) {
            // 1 + 3 x 30 = 91 subscriptions with a context channel a coin; at most 70 allowed here.
            rig.start(new TokenRegistry(rig.venues.market().universe()), "feeds.hyperliquid.max-subscriptions=70");
            RecordingPublisher out = rig.out;
            SimVenues venues = rig.venues;
            await("contexts of all 30 perps from allDexsAssetCtxs", 15, () ->
                    out.tokens(Source.HL_WS_MAINNET, EventType.PERP_BBO) == 30
                    && out.tokens(Source.HL_WS_MAINNET, EventType.PERP_CTX) == 30);
            assertEquals(1 + 1 + 2 * 30, venues.hyperliquid().subscriptions(),
                    "allMids, the aggregate, bbo and l2Book a coin: nothing left out");
        }
    }

    @Test
    void theAggregateReplacesPerCoinContextsOnlyWhereThatSavesACoin() {
        List<String> coins = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            coins.add("C" + i);
        }
        List<String> spot = List.of("@142", "@151");
        List<List<String>> plan = SubscriptionPlan.plan(coins, spot, false, 200, 8, 1000, true);
        assertTrue(SubscriptionPlan.usesAggregate(plan));
        assertEquals(1 + 1 + 2 * 400 + 2 * 2, plan.stream().mapToInt(List::size).sum(), "every coin and pair in");
        assertTrue(plan.stream().flatMap(List::stream).noneMatch(f -> f.contains("activeAssetCtx")));
        List<List<String>> fits = SubscriptionPlan.plan(coins.subList(0, 300), spot, false, 200, 8, 1000, true);
        assertFalse(SubscriptionPlan.usesAggregate(fits), "901 + 4 fit: a context channel a coin (fresher)");
        assertEquals(1 + 3 * 300 + 2 * 2, fits.stream().mapToInt(List::size).sum());
        assertFalse(SubscriptionPlan.usesAggregate(SubscriptionPlan.plan(coins, spot, false, 200, 8, 1000, false)),
                "a plan for added pairs never takes the aggregate: the first connection's decoder names its contexts");
    }

    @Test
    void subscriptionsStayWithinHyperliquidsLimits() {
        List<String> coins = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            coins.add("C" + i);
        }
        List<List<String>> plan = SubscriptionPlan.plan(coins, true, 200, 10, 1000);
        int total = plan.stream().mapToInt(List::size).sum();
        assertTrue(total <= 1000, "at most 1000 subscriptions: " + total);
        assertEquals(1 + 1 + 2 * 400, total, "three a coin would leave 67 out: the aggregate takes the contexts");
        assertTrue(plan.size() <= 10);
        plan.forEach(c -> assertTrue(c.size() <= 200));
        assertTrue(plan.get(0).get(3).contains("\"fast\":true"), plan.get(0).toString());
        assertEquals(3, SubscriptionPlan.plan(coins.subList(0, 100), false, 120, 3, 1000).size());
        assertEquals(3 * 78, SubscriptionPlan.plan(coins.subList(0, 100), false, 80, 3, 1000, false).stream()
                .mapToInt(List::size).sum(),
                "added pairs (no allMids), 3 connections of at most 80, a coin's three together: 26 each");
        assertEquals(1 + 1 + 2 * 100, SubscriptionPlan.plan(coins.subList(0, 100), false, 80, 3, 1000).stream()
                .mapToInt(List::size).sum(), "a first plan: with the aggregate all 100 fit");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void badCoinGeckoAnswersAreRejectedPerReasonAndMoveNoPrice() {
        TokenRegistry registry = Fixtures.registryWith();
        RecordingPublisher out = new RecordingPublisher();
        FeedStats stats = new FeedStats();
        CoinGeckoDecoder d = new CoinGeckoDecoder(registry, FallbackIds.bundled(), out, stats);
        int s = Source.COINGECKO;
        assertThrows(PollingTier.PollFailure.class, () -> decode(d, "{\"bitcoin\":{\"usd\":6718"));
        assertEquals(1, stats.rejects(s, Reject.TRUNCATED));
        assertThrows(PollingTier.PollFailure.class, () -> decode(d, "[1,2]"));
        assertEquals(1, stats.rejects(s, Reject.WRONG_TYPE));
        assertThrows(PollingTier.PollFailure.class, () -> decode(d, "{\"status\":{\"error_code\":429,"
                + "\"error_message\":\"You've exceeded the Rate Limit.\"}}"));
        assertEquals(1, stats.rejects(s, Reject.SERVER_ERROR));
        assertEquals(0, decode(d,
                "{\"bitcoin\":{\"usd\":\"NaN\"},\"solana\":{\"usd\":0},\"ethereum\":{\"usd\":-3.5}}"));
        assertEquals(2, stats.rejects(s, Reject.WRONG_TYPE));
        assertEquals(2, stats.rejects(s, Reject.BAD_PRICE));
        assertEquals(0, decode(d, "{\"nocoin\":{\"usd\":1.0}}"));
        assertEquals(1, stats.rejects(s, Reject.UNKNOWN_PAIR));
        assertEquals(0, out.count(s, EventType.PERP_MID), "no bad entry published");
        assertEquals(1, decode(d, "{\"bitcoin\":{\"usd\":67187.3,\"last_updated_at\":1711356300}}"));
        assertEquals(1, decode(d, "{\"bitcoin\":{\"usd\":67187.3,\"last_updated_at\":1711356300}}"));
        assertEquals(1, stats.rejects(s, Reject.DUPLICATE_TIME));
        decode(d, "{\"bitcoin\":{\"usd\":60000,\"last_updated_at\":1711356200}}");
        assertEquals(1, stats.rejects(s, Reject.OUT_OF_ORDER_TIME));
        assertEquals(1, out.count(s, EventType.PERP_MID), "only the first valid, new price was published");
    }

    @Test
    void badKrakenAnswersAreRejectedPerReasonAndMoveNoPrice() {
        TokenRegistry registry = Fixtures.registryWith();
        RecordingPublisher out = new RecordingPublisher();
        FeedStats stats = new FeedStats();
        KrakenDecoder d = new KrakenDecoder(registry, FallbackIds.bundled(), out, stats);
        int s = Source.KRAKEN;
        PollingTier.PollFailure f = assertThrows(PollingTier.PollFailure.class,
                () -> decodeK(d, "{\"error\":[\"EQuery:Unknown asset pair\"]}"));
        assertTrue(f.getMessage().contains("EQuery:Unknown asset pair"), f.getMessage());
        assertEquals(1, stats.rejects(s, Reject.SERVER_ERROR));
        assertThrows(PollingTier.PollFailure.class, () ->
                decodeK(d, "{\"error\":[],\"result\":{\"XXBTZUSD\":{\"a\":[\"8"));
        assertEquals(1, stats.rejects(s, Reject.TRUNCATED));
        assertThrows(PollingTier.PollFailure.class, () -> decodeK(d, "{\"error\":[],\"result\":[]}"));
        assertEquals(0, decodeK(d, "{\"error\":[],\"result\":{\"XXBTZUSD\":{\"a\":[\"84000.0\",\"1\",\"1.0\"],"
                + "\"b\":[\"84000.5\",\"1\",\"1.0\"]},\"SOLUSD\":{\"a\":[\"0\",\"1\",\"1\"],\"b\":[\"0\",\"1\",\"1\"]},"
                + "\"XETHZUSD\":{\"a\":[3000.1,\"1\",\"1\"],\"b\":[\"2999\",\"1\",\"1\"]},"
                + "\"JUPUSD\":{\"a\":[\"abc\",\"1\",\"1\"],\"b\":[\"0.5\",\"1\",\"1\"]}}}"));
        assertEquals(1, stats.rejects(s, Reject.CROSSED_BOOK));
        assertEquals(1, stats.rejects(s, Reject.BAD_PRICE));
        assertEquals(2, stats.rejects(s, Reject.WRONG_TYPE), "result as an array, a number where Kraken sends strings");
        assertEquals(1, stats.rejects(s, Reject.BAD_NUMBER));
        assertEquals(0, out.count(s, EventType.PERP_BBO));
        assertEquals(1, decodeK(d, Fixtures.text("kraken_ticker_xbtusd_2026-09.json")),
                "renamed key XXBTZUSD maps to BTC");
    }

    @Test
    void anAnswerOverTheSizeLimitIsRefusedByTheHttpLayer() {
        SimVenues venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=10")));
        try {
            venues.kraken().faults().garbage("{\"error\":[],\"result\":{\"pad\":\"" + "x".repeat(5000) + "\"}}");
            HttpFetcher.Response r = new HttpFetcher(Duration.ofSeconds(5)).limitedTo(1024)
                    .get(venues.kraken().url() + "?pair=XBTUSD");
            assertTrue(r.oversize());
            assertEquals(1024, r.body().length);
        } finally {
            venues.close();
        }
    }

    private static int decode(CoinGeckoDecoder d, String body) {
        byte[] bytes = b(body);
        return d.decode(bytes, bytes.length, 1);
    }

    private static int decodeK(KrakenDecoder d, String body) {
        byte[] bytes = b(body);
        return d.decode(bytes, bytes.length, 1);
    }
}
