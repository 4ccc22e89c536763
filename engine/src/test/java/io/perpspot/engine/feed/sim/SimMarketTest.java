package io.perpspot.engine.feed.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenTable;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimMarketTest {
    private static final Duration TICK = Duration.ofMillis(100);

    @Test
    void marketIsDeterministicForASeed() {
        SimMarket a = new SimMarket(7, 120, TICK, 0.05);
        SimMarket b = new SimMarket(7, 120, TICK, 0.05);
        for (int i = 0; i < 500; i++) {
            a.step();
            b.step();
        }
        assertEquals(a.universe(), b.universe());
        for (Token t : a.universe()) {
            assertEquals(a.spotPrice(t), b.spotPrice(t), t.symbol());
            assertEquals(a.perpMid(t), b.perpMid(t), t.symbol());
            assertEquals(a.basisBps(t), b.basisBps(t), t.symbol());
            assertEquals(a.fundingRate(t), b.fundingRate(t), t.symbol());
            SimBook ba = a.book(t.hlCoin(), 20);
            SimBook bb = b.book(t.hlCoin(), 20);
            for (int l = 0; l < 20; l++) {
                assertEquals(ba.bidPxMicros(l), bb.bidPxMicros(l));
                assertEquals(ba.askSzUnits(l), bb.askSzUnits(l));
            }
        }
    }

    @Test
    void anotherSeedTakesAnotherPath() {
        SimMarket a = new SimMarket(7, 40, TICK, 0.004);
        SimMarket b = new SimMarket(8, 40, TICK, 0.004);
        for (int i = 0; i < 50; i++) {
            a.step();
            b.step();
        }
        Token sol = a.token("SOL");
        assertNotEquals(a.spotPrice(sol), b.spotPrice(b.token("SOL")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 33, 120, 700})
    void universeHasRequestedSizeWithKContracts(int size) throws Exception {
        SimMarket m = new SimMarket(42, size, TICK, 0.004);
        List<Token> u = m.universe();
        assertEquals(size, u.size());
        List<Token> csv;
        try (InputStream in = getClass().getResourceAsStream("/perpspot-defaults/tokens.csv")) {
            csv = TokenTable.read(in, "tokens.csv");
        }
        Set<String> symbols = new HashSet<>();
        Set<String> coins = new HashSet<>();
        Set<String> mints = new HashSet<>();
        for (int i = 0; i < size; i++) {
            Token t = u.get(i);
            assertEquals(i, t.id());
            if (i < csv.size()) {
                Token c = csv.get(i);
                assertEquals(c.hlCoin(), t.hlCoin(), "tokens.csv pairs come first, as given");
                assertEquals(c.mint(), t.mint());
                assertEquals(c.multExp(), t.multExp());
            } else {
                assertTrue(t.symbol().matches("[A-Z0-9]{2,10}"), t.symbol());
                boolean cheap = m.spotPrice(t) < 0.001;
                assertEquals(cheap ? 3 : 0, t.multExp(), t.symbol() + " at " + m.spotPrice(t));
                assertEquals(cheap ? "k" + t.symbol() : t.symbol(), t.hlCoin());
            }
            assertFalse(Set.of("USDC", "USDT").contains(t.symbol().toUpperCase(Locale.ROOT)));
            assertTrue(symbols.add(t.symbol().toUpperCase(Locale.ROOT)), "duplicate symbol " + t.symbol());
            assertTrue(coins.add(t.hlCoin().toUpperCase(Locale.ROOT)), "duplicate coin " + t.hlCoin());
            assertTrue(mints.add(t.mint()), "duplicate mint " + t.mint());
            assertEquals(t.multExp() == 3, t.hlCoin().startsWith("k"), t.hlCoin());
        }
        if (size >= 5) {
            Token bonk = m.token("kBONK");
            assertNotNull(bonk);
            assertEquals("BONK", bonk.symbol());
            double contract = m.spotPrice(bonk) * 1000;
            assertTrue(contract > 0.01 && contract < 0.05, "kBONK per contract " + contract);
        }
        if (size == 700) {
            assertTrue(u.stream().filter(t -> t.multExp() == 3).count() > 50, "many k-contracts in a large universe");
        }
    }

    @Test
    void pricesSpanVeryDifferentMagnitudes() {
        SimMarket m = new SimMarket(42, 120, TICK, 0.004);
        assertEquals(84_000, m.spotPrice(m.token("BTC")), 1);
        assertEquals(3_000, m.spotPrice(m.token("ETH")), 1);
        assertEquals(120, m.spotPrice(m.token("SOL")), 0.01);
        assertEquals(0.0000216, m.spotPrice(m.token("kBONK")), 1e-10);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Token t : m.universe()) {
            min = Math.min(min, m.spotPrice(t));
            max = Math.max(max, m.spotPrice(t));
        }
        assertTrue(max / min > 1e9, "from " + min + " to " + max);
    }

    @Test
    void perpMidIsSpotTimesMultiplierWithBasis() {
        SimMarket m = new SimMarket(3, 120, TICK, 0.05);
        for (int i = 0; i < 200; i++) {
            m.step();
        }
        for (Token t : m.universe()) {
            double expected = m.spotPrice(t) * t.multiplier() * (1 + m.basisBps(t) / 10_000);
            assertEquals(expected, m.perpMid(t), expected * 1e-12, t.hlCoin());
        }
    }

    @Test
    void basisStaysWithinAFewBpsOfItsMeanWithoutDislocations() {
        SimMarket m = new SimMarket(11, 120, Duration.ofSeconds(1), 0);
        for (int i = 0; i < 600; i++) {
            m.step();
            for (Token t : m.universe()) {
                double b = m.basisBps(t);
                assertTrue(b > -5 - 25 && b < 15 + 25, t.hlCoin() + " basis " + b);
            }
        }
    }

    @Test
    void dislocationsJumpAndDecay() {
        SimMarket calm = new SimMarket(11, 120, Duration.ofSeconds(1), 0);
        Token sol = calm.token("SOL");
        double before = calm.basisBps(sol);
        calm.dislocate(sol, 120);
        assertEquals(before + 120, calm.basisBps(sol), 1e-9);
        for (int i = 0; i < 300; i++) {
            calm.step();
        }
        // Five minutes is at least five half-lives: the jump is gone.
        assertTrue(Math.abs(calm.basisBps(sol) - before) < 30, "basis " + calm.basisBps(sol));

        SimMarket jumpy = new SimMarket(11, 120, Duration.ofSeconds(1), 0.02);
        double widest = 0;
        for (int i = 0; i < 200; i++) {
            jumpy.step();
            for (Token t : jumpy.universe()) {
                widest = Math.max(widest, Math.abs(jumpy.basisBps(t)));
            }
        }
        assertTrue(widest > 40, "expected dislocations of 40..150 bps, widest " + widest);
    }

    @Test
    void fundingIsInterestUnlessThePremiumIsLarge() {
        SimMarket m = new SimMarket(5, 40, Duration.ofSeconds(1), 0);
        for (Token t : m.universe()) {
            double f = m.fundingRate(t);
            assertTrue(Math.abs(f) <= 0.04, t.hlCoin() + " funding " + f);
        }
        Token sol = m.token("SOL");
        m.dislocate(sol, 2_000);
        for (int i = 0; i < 60; i++) {
            m.step();
        }
        assertTrue(m.fundingRate(sol) > 0.0000125 * 2, "funding " + m.fundingRate(sol));
    }

    @Test
    void booksAreNeverCrossedAndFollowTickRules() {
        SimMarket m = new SimMarket(42, 700, TICK, 0.05);
        for (int round = 0; round < 3; round++) {
            for (String coin : m.perpCoins()) {
                SimBook b = m.book(coin, 20);
                if (m.isDelisted(coin)) {
                    assertTrue(b.isEmpty(), coin);
                    continue;
                }
                int sz = m.szDecimals(coin);
                assertEquals(20, b.bidCount(), coin);
                assertEquals(20, b.askCount(), coin);
                assertTrue(b.bidPxMicros(0) < b.askPxMicros(0), coin + " crossed");
                Token t = m.token(coin);
                if (t != null) {
                    double mid = m.perpMid(t);
                    assertTrue(b.bestBid() < mid && mid < b.bestAsk(), coin + " touch around the mid");
                }
                for (int l = 0; l < 20; l++) {
                    assertTrue(HlNumbers.validPx(b.bidPxMicros(l), sz), coin + " bid " + b.bidPxMicros(l));
                    assertTrue(HlNumbers.validPx(b.askPxMicros(l), sz), coin + " ask " + b.askPxMicros(l));
                    assertTrue(b.bidSzUnits(l) > 0 && b.askSzUnits(l) > 0 && b.bidOrders(l) > 0);
                    if (l > 0) {
                        assertTrue(b.bidPxMicros(l) < b.bidPxMicros(l - 1), coin + " bids descend");
                        assertTrue(b.askPxMicros(l) > b.askPxMicros(l - 1), coin + " asks ascend");
                    }
                }
            }
            for (int i = 0; i < 100; i++) {
                m.step();
            }
        }
    }

    @Test
    void szDecimalsFollowTheContractPrice() {
        SimMarket m = new SimMarket(42, 40, TICK, 0.004);
        assertEquals(5, m.szDecimals("BTC"));
        assertEquals(4, m.szDecimals("ETH"));
        assertEquals(2, m.szDecimals("SOL"));
        assertEquals(0, m.szDecimals("kBONK"));
        assertEquals(-1, m.szDecimals("NOPE"));
    }

    @Test
    void perpUniverseAddsHyperliquidOnlyAndDelistedCoins() {
        SimMarket m = new SimMarket(42, 10, TICK, 0.004);
        List<String> coins = m.perpCoins();
        for (String c : List.of("HYPE", "DOGE", "kPEPE", "MATIC", "AI16Z")) {
            assertTrue(coins.contains(c), c);
        }
        assertTrue(m.isDelisted("MATIC") && m.isDelisted("AI16Z"));
        assertFalse(m.isDelisted("HYPE"));
        assertEquals(null, m.token("HYPE"), "HL-only coins are not tradable pairs");
        for (Token t : m.universe()) {
            assertTrue(coins.contains(t.hlCoin()), t.hlCoin());
        }
    }

    @Test
    void hyperliquidNumbersFollowTheTickAndTextRules() {
        assertEquals(1_000_000, HlNumbers.tickMicros(84_143_000_000L, 5), "BTC steps by 1");
        assertEquals(100_000, HlNumbers.tickMicros(3_000_000_000L, 4), "ETH steps by 0.1");
        assertEquals(10_000, HlNumbers.tickMicros(120_000_000L, 2), "SOL steps by 0.01");
        assertEquals(1, HlNumbers.tickMicros(4_411, 0), "kPEPE steps by 0.000001");
        assertEquals(1_000_000, HlNumbers.tickMicros(123_456_000_000L, 5), "whole numbers are always valid");
        assertEquals("84143.0", HlNumbers.px(84_143_000_000L));
        assertEquals("0.004411", HlNumbers.px(4_411));
        assertEquals("0.00441", HlNumbers.px(4_410));
        assertEquals("2058973.0", HlNumbers.append(new StringBuilder(), 2_058_973, 0).toString());
        assertEquals("10.25923", HlNumbers.append(new StringBuilder(), 1_025_923, 5).toString());
        assertTrue(HlNumbers.validPx(123_456_000_000L, 5));
        assertFalse(HlNumbers.validPx(12_345_500_000L, 0), "six significant figures");
    }
}
