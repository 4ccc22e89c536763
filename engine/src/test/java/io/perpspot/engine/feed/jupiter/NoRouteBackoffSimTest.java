package io.perpspot.engine.feed.jupiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the sim's Jupiter, a token whose mint it has no route for: its rungs are asked once, answered
 * "no route", and then skipped (backed off) while the routable tokens keep their ladders.
 */
class NoRouteBackoffSimTest {
    private SimVenues venues;

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=2")));
    }

    @AfterEach
    void tearDown() {
        venues.close();
    }

    @Test
    void rungsAnsweredNoRouteAreNotAskedAgainWhileTheOtherTokensKeepTheirLadders() {
        SimJupiterServer server = venues.jupiter();
        List<Token> tokens = new ArrayList<>(venues.market().universe());
        int routable = tokens.size();
        // A third token the sim's market does not know: every quote for it is "no route".
        tokens.add(new Token(tokens.size(), "NOPE", "NOPE", 0, "NoRoute1111111111111111111111111111111111", 6));
        TokenRegistry registry = new TokenRegistry(tokens);
        CountingPublisher out = new CountingPublisher();
        FeedContext ctx = new FeedContext(out, new FeedStats(), new StatusPublisher(out, new OffsetEpochNanoClock()),
                new OffsetEpochNanoClock());
        JupiterQuotePoller quotes = new JupiterQuotePoller(new JupiterQuotePoller.Settings(server.quoteUrl(),
                List.of(1000L, 10_000L), 50, 1 << 20), registry, new JupiterLimiter(100),
                new HttpFetcher(Duration.ofSeconds(5)), ctx, QuoteCache.NONE, new QuotePriorities(64));

        // First pass: never-quoted tokens in id order; the last one's two BUY rungs answer "no route" (its SELLs
        // have nothing to sell and are not asked).
        int requests = 0;
        while (quotes.noRoute() < 2) {
            assertTrue(quotes.fetchNext(), "a request was spent");
            requests++;
        }
        assertEquals(routable * 4 + 2, requests, "a full ladder of 4 rungs per routable token, then NOPE's 2 BUYs");
        assertEquals(routable * 4, out.count(EventType.SPOT_QUOTE));

        // Many more permits: only the routable tokens are asked; NOPE is backed off for a minute at least.
        for (int i = 0; i < 40; i++) {
            assertTrue(quotes.fetchNext(), "the routable tokens still take requests");
        }
        assertEquals(2, quotes.noRoute(), "no request for a rung in its backoff");
        assertEquals(routable * 4 + 40, quotes.outcomes().count(RequestOutcomes.Outcome.OK));
        assertEquals(server.requests("/swap/v1/quote"), quotes.requests());
        assertEquals(routable + 1 + 10, quotes.ladders(), "40 requests: 10 more ladders of the routable tokens");
    }
}
