package io.perpspot.engine.feed.jupiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenDiscovery;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recorded Jupiter answers of the fixtures (price v3, quote, tokens v2) served by the fake
 * venue on loopback and read by the real clients: the decoded values are the recorded ones.
 */
class JupiterRecordedReplayTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";

    private SimVenues venues;
    private SimJupiterServer jupiter;
    private Fixtures.Collector out;
    private FeedStats stats;
    private ScheduledExecutorService scheduler;
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5));
    private final TokenRegistry sol = new TokenRegistry(List.of(new Token(0, "SOL", "SOL", 0, SOL, 9)));

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=10")));
        jupiter = venues.jupiter();
        out = new Fixtures.Collector();
        stats = new FeedStats();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        venues.close();
    }

    private FeedContext context() {
        OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        return new FeedContext(out, stats, new StatusPublisher(out, clock), clock);
    }

    private synchronized List<MarketEvent> events(int type) {
        return out.events.stream().filter(e -> e.type == type).toList();
    }

    @Test
    void theRecordedPriceAnswerDecodesToTheRecordedSolPrice() {
        jupiter.serveRecorded("/price/v3", 200, Fixtures.text("jupiter_price_v3_sol_wire.json"));
        Backoff.Bounds backoff = new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(100));
        JupiterPricePoller poller = new JupiterPricePoller(new JupiterPricePoller.Settings(jupiter.priceUrl(), 50,
                1 << 20, backoff), sol, new JupiterLimiter(10), http, context(), scheduler);
        poller.pollNext();
        MarketEvent e = events(EventType.SPOT_PRICE).get(0);
        assertEquals(0, e.tokenId);
        assertEquals(Source.JUPITER_PRICE, e.source);
        // usdPrice 117.11139694501614 rounded half away from zero to 12 decimals
        assertEquals("117.111396945016", FixedPoint.price(e.spotPx));
        assertEquals(946_740_309L, e.liquidityUsd);
        assertEquals(449_696_083L, e.blockId);
        assertEquals(0, stats.rejects(Source.JUPITER_PRICE));
        assertEquals(1, jupiter.requests("/price/v3"));
    }

    @Test
    void theRecordedQuoteAnswerIsTheSellRungOfALadder() {
        // The BUY rung of $121 answers 1 SOL (a hand-written answer in the real shape), so the SELL
        // request is for exactly 1,000,000,000 lamports: the amount of the real recorded answer.
        String buy = "{\"inputMint\":\"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",\"inAmount\":\"121000000\","
                + "\"outputMint\":\"" + SOL + "\",\"outAmount\":\"1000000000\",\"otherAmountThreshold\":\"995000000\","
                + "\"swapMode\":\"ExactIn\",\"slippageBps\":50,\"platformFee\":null,\"priceImpactPct\":\"0.0001\","
                + "\"routePlan\":[],\"contextSlot\":453538700,\"timeTaken\":0.002}";
        jupiter.serveRecorded("/swap/v1/quote", 200, buy);
        jupiter.serveRecorded("/swap/v1/quote", 200, Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json"));
        JupiterQuotePoller quotes = new JupiterQuotePoller(new JupiterQuotePoller.Settings(jupiter.quoteUrl(),
                List.of(121L), 50, 1 << 20), sol, new JupiterLimiter(10), http, context(), QuoteCache.NONE,
                new QuotePriorities(16));
        quotes.fetchNext();
        quotes.fetchNext();
        List<MarketEvent> rungs = events(EventType.SPOT_QUOTE);
        assertEquals(2, rungs.size(), "a BUY and a SELL rung; rejects: " + stats.rejectsByReason(Source.JUPITER_QUOTE));
        MarketEvent sell = rungs.get(1);
        assertEquals(QuoteSide.SELL, sell.quoteSide);
        assertEquals("120.704786", FixedPoint.price(sell.quotePx));
        assertEquals(0, sell.quoteImpactPpm);
        assertEquals(453_538_721L, sell.blockId);
        assertEquals(121 * FixedPoint.SIZE_SCALE, sell.quoteNotionalUsd);
        assertEquals("121", FixedPoint.price(rungs.get(0).quotePx), "$121 for 1 SOL");
        assertEquals(1, quotes.ladders());
    }

    @Test
    void theDocumentedTokensAnswerJoinsWithTheVenuesMeta() throws Exception {
        // Tokens API v2 /tag?query=verified: the official example of the spec (no live capture exists).
        var yaml = new ObjectMapper(new YAMLFactory())
                .readTree(Fixtures.text("jup-ag-docs__openapi-spec_tokens_v2_tokens.yaml"));
        String tag = yaml.at("/paths/~1tag/get/responses/200/content/application~1json/example").toString();
        jupiter.serveRecorded("/tokens/v2/tag", 200, tag);
        TokenDiscovery.Result r = TokenDiscovery.discover(List.of(venues.infoUrl()), jupiter.tokensUrl(), List.of(),
                400, http, http);
        assertEquals(1, r.registry().size(), r.how());
        Token t = r.registry().get(0);
        assertEquals("SOL", t.symbol());
        assertEquals("SOL", t.hlCoin());
        assertEquals(SOL, t.mint());
        assertEquals(9, t.decimals());
        assertTrue(r.listedCoins().contains("SOL"));
        assertTrue(r.how().contains("1 Jupiter verified tokens"), r.how());
    }
}
