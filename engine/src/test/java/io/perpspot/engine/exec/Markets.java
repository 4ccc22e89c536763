package io.perpspot.engine.exec;

import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;

/** Market states for the execution tests, built through the real decoder and the fold's SpreadBook. */
final class Markets {
    static final TokenRegistry REGISTRY = Fixtures.registryWith(
            new Token(0, "DYDX", "DYDX", 0, "DYDXtestMint111111111111111111111111111111", 8));
    /** Event time of the recorded book: 2023-07-17T21:43:23.930Z. */
    static final long T0 = 1_689_630_203_930_000_000L;

    private Markets() {
    }

    /** The real recorded DYDX l2Book (hyperliquid-python-sdk cassette), decoded by the real decoder. */
    static MarketEvent dydxBook() {
        Fixtures.Collector out = new Fixtures.Collector();
        HyperliquidDecoder d = new HyperliquidDecoder(REGISTRY, Source.HL_REST, out, new FeedStats());
        String body = Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_l2_snapshot.yaml", 1);
        byte[] b = ("{\"channel\":\"l2Book\",\"data\":" + body + "}").getBytes(StandardCharsets.UTF_8);
        d.onFrame(b, 0, b.length, T0);
        return out.only();
    }

    /** A SpreadBook folded from the DYDX book, a spot price and a funding rate. */
    static SpreadBook dydx(String spot, String fundingHourly) {
        SpreadBook b = new SpreadBook(60);
        b.apply(dydxBook());
        MarketEvent s = new MarketEvent();
        s.type = EventType.SPOT_PRICE;
        s.recvNanos = T0 + 1;
        s.spotPx = FixedPoint.parse(spot, FixedPoint.PRICE_DECIMALS);
        s.liquidityUsd = 5_000_000;
        b.apply(s);
        MarketEvent c = new MarketEvent();
        c.type = EventType.PERP_CTX;
        c.recvNanos = T0 + 2;
        c.funding = FixedPoint.parse(fundingHourly, FixedPoint.PRICE_DECIMALS);
        b.apply(c);
        return b;
    }

    static MarketSnapshot dydxSnapshot(String spot, String fundingHourly) {
        return MarketSnapshot.of("DYDX", dydx(spot, fundingHourly), null, 150.0);
    }

    static long px(String s) {
        return FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS);
    }

    static long usd(String s) {
        return FixedPoint.parse(s, FixedPoint.SIZE_DECIMALS);
    }

    /**
     * The real Jupiter quote of 2026-10-05 (1 SOL → 120.704786 USDC, priceImpactPct 0) as the
     * SELL rung at its notional.
     */
    static QuoteLadder solSellLadder() {
        QuoteLadder l = new QuoteLadder();
        l.put(QuoteSide.SELL, usd("120.704786"), px("120.704786"), 0, T0);
        return l;
    }
}
