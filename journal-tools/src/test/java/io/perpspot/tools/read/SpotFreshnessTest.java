package io.perpspot.tools.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpotFreshness} on a handful of records whose ages are worked out by hand in the comments. */
class SpotFreshnessTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private static MarketEvent event(int type, int source, int token, long recv) {
        MarketEvent e = new MarketEvent();
        e.type = type;
        e.source = source;
        e.tokenId = token;
        e.recvNanos = recv;
        return e;
    }

    private static MarketEvent quote(int token, int side, long notionalUsd, long recv) {
        MarketEvent e = event(EventType.SPOT_QUOTE, Source.JUPITER_QUOTE, token, recv);
        e.quoteSide = side;
        e.quoteNotionalUsd = notionalUsd * FixedPoint.SIZE_SCALE;
        return e;
    }

    private static OutputRecord spread(int token, double z, long time) {
        OutputRecord r = new OutputRecord();
        r.type = OutputType.SPREAD;
        r.tokenId = token;
        r.z = z;
        r.timeNanos = time;
        return r;
    }

    /** Within the histograms' stated resolution (3 significant digits). */
    private static void assertAge(long expectedNanos, long actualNanos, String what) {
        assertEquals(expectedNanos, actualNanos, expectedNanos / 1000.0, what);
    }

    @Test
    void spotAgeIsEachPerpEventsReceiveTimeMinusItsTokensLatestJupiterPrice() {
        SpotFreshness f = new SpotFreshness();
        // token 1: a perp event before any spot price (no age), then a price at 1 s.
        f.onInput(event(EventType.PERP_BBO, Source.HL_WS_MAINNET, 1, 500 * MS));
        f.onInput(event(EventType.SPOT_PRICE, Source.JUPITER_PRICE, 0, 0));
        f.onInput(event(EventType.SPOT_PRICE, Source.JUPITER_PRICE, 1, 1 * SECOND));
        // token 0: priced at 0; perp events at 1, 2, 3 s: ages 1, 2, 3 s.
        f.onInput(event(EventType.PERP_BBO, Source.HL_WS_MAINNET, 0, 1 * SECOND));
        f.onInput(event(EventType.PERP_CTX, Source.HL_WS_MAINNET, 0, 2 * SECOND));
        f.onInput(event(EventType.PERP_BOOK, Source.HL_WS_MAINNET, 0, 3 * SECOND));
        // A fallback's spot price is not Jupiter's: it does not reset the age.
        f.onInput(event(EventType.SPOT_PRICE, Source.COINGECKO, 0, 3_200 * MS));
        // Priced again at 4 s: the perp event at 4.5 s is 0.5 s old.
        f.onInput(event(EventType.SPOT_PRICE, Source.JUPITER_PRICE, 0, 4 * SECOND));
        f.onInput(event(EventType.PERP_MID, Source.HL_WS_MAINNET, 0, 4_500 * MS));
        // token 1: a perp event at 11 s, 10 s after its price.
        f.onInput(event(EventType.PERP_BBO, Source.HL_WS_MAINNET, 1, 11 * SECOND));

        // All ages sorted: 0.5, 1, 2, 3, 10 s. Nearest rank: p50 is the 3rd (2 s), p99 the 5th (10 s).
        SpotFreshness.Ages all = f.spotAge();
        assertEquals(5, all.count());
        assertAge(2 * SECOND, all.p50(), "p50");
        assertAge(10 * SECOND, all.p99(), "p99");
        assertEquals(10 * SECOND, all.max(), "the maximum is exact");
        assertEquals(1, f.perpWithoutSpot());
        // Three answers: {token 0 at 0}, {token 1 at 1 s}, {token 0 at 4 s}.
        assertEquals(3, f.priceAnswers());

        List<SpotFreshness.TokenFreshness> tokens = f.tokens(id -> "T" + id);
        // Worst p99 first: token 1 (10 s), then token 0 (ages 0.5, 1, 2, 3: p50 the 2nd = 1 s, p99 = max = 3 s).
        assertEquals("T1", tokens.get(0).symbol());
        assertEquals(1, tokens.get(0).spotAge().count());
        assertEquals(10 * SECOND, tokens.get(0).spotAge().max());
        SpotFreshness.Ages t0 = tokens.get(1).spotAge();
        assertEquals(4, t0.count());
        assertAge(1 * SECOND, t0.p50(), "token 0 p50");
        assertAge(3 * SECOND, t0.p99(), "token 0 p99");
        assertEquals(3 * SECOND, t0.max());
    }

    @Test
    void ladderAgeIsMeasuredAtNearSignalSpreadsFromTheTokensLatestQuoteRung() {
        SpotFreshness f = new SpotFreshness();
        // token 0: a ladder (BUY and SELL of the $1k rung, BUY of $10k) starting at 0.2 s, another at 20 s.
        f.onInput(quote(0, QuoteSide.BUY, 1_000, 200 * MS));
        f.onInput(quote(0, QuoteSide.SELL, 1_000, 300 * MS));
        f.onInput(quote(0, QuoteSide.BUY, 10_000, 400 * MS));
        f.onInput(quote(0, QuoteSide.BUY, 1_000, 20 * SECOND));
        f.onInput(event(EventType.PERP_BBO, Source.HL_WS_MAINNET, 2, 21 * SECOND));

        f.onOutput(spread(0, 1.5, 3 * SECOND));     // near: 3 s - 0.4 s = 2.6 s
        f.onOutput(spread(0, 1.4, 4 * SECOND));     // not near a signal: ignored
        f.onOutput(spread(0, -1.7, 25 * SECOND));   // near (|z|): 25 s - 20 s = 5 s
        f.onOutput(spread(1, 2.0, 800 * MS));       // near, but token 1 has no rung yet
        f.onOutput(spread(2, 0.2, 900 * MS));       // token 2 is never near

        SpotFreshness.Ages near = f.nearSignalLadderAge();
        assertEquals(2, near.count());
        assertEquals(5 * SECOND, near.max());
        assertAge(2_600 * MS, near.p50(), "p50: the first of two");
        assertEquals(1, f.nearSignalWithoutQuote());
        assertEquals(2, f.nearSignalTokens(), "tokens 0 and 1");
        // Near-signal tokens at once, sampled at a spread 1 s or more after the last sample: at 3 s {0} = 1, at
        // 4 s {} = 0 (z 1.4 cleared it), at 25 s {0} = 1; the spreads stamped 0.8 and 0.9 s come before 26 s.
        SpotFreshness.Ages once = f.nearSignalAtOnce();
        assertEquals(3, once.count());
        assertEquals(1, once.p50());
        assertEquals(1, once.max());
        assertEquals(4, f.quoteRungs());
        SpotFreshness.TokenFreshness t0 = f.tokens(id -> "T" + id).stream().filter(t -> t.tokenId() == 0)
                .findFirst().orElseThrow();
        assertEquals(2, t0.ladders(), "ladders: BUY rungs at the smallest notional");
        assertEquals(2, t0.nearSignalLadderAge().count());
    }
}
