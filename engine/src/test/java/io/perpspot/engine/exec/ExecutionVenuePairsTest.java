package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.spread.SpreadBook;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution model on each venue pair: Hyperliquid spot's leg walks its L2 book, each leg pays its own venue's
 * fee, spot against spot pays no funding and no perp fee but Unit's transfer and its delay's risk; templates name
 * the pair they trade.
 */
class ExecutionVenuePairsTest {
    private final ExecutionParams params = TestParams.defaults();
    private final ExecutionModel model = new ExecutionModel(params);

    /** The DYDX perp book, the same recorded book as Hyperliquid spot's, Jupiter at 2.10, funding 1 bp/h. */
    private static SpreadBook threeVenues() {
        SpreadBook b = Markets.dydx("2.10", "0.0001");
        MarketEvent spot = Markets.dydxBook();
        spot.source = Source.HL_SPOT;
        spot.recvNanos = Markets.T0 + 3;
        b.apply(spot);
        return b;
    }

    @Test
    void theSameVenueCarryWalksHyperliquidSpotsBookAndPaysItsFee() {
        SpreadBook b = threeVenues();
        MarketSnapshot carry = MarketSnapshot.of("DYDX", b, null, 150.0, VenuePair.PERP_HLSPOT);
        assertTrue(carry.spotIsBook());
        double mid = (2.111 + 2.1124) / 2;
        assertEquals(mid, carry.spotPx(), 1e-12, "leg B: Hyperliquid spot's mid");
        ExecutionEstimate e = model.estimate(carry, Direction.SHORT_PERP_LONG_SPOT, 1000 * mid, 8);
        // Buying 1000 on Hyperliquid spot walks the same asks a perp buyer would.
        double buyAsks = (352.3 * 2.1124 + 364.9 * 2.1125 + 282.8 * 2.1128) / 1000;
        assertEquals(buyAsks, e.spotEntry().price(), 1e-12);
        assertEquals(PriceSource.BOOK, e.spotEntry().source());
        assertEquals(2 * 4.5, e.perpFeesBps(), "Hyperliquid perp taker, entry and exit");
        assertEquals(2 * 7.0, e.spotFeesBps(), "Hyperliquid spot taker, entry and exit");
        assertEquals(0.0, e.gasUsd(), "no Solana transaction");
        assertEquals(0.0, e.transferCostBps(), "one venue: nothing to move");
        assertEquals(10.0 * 8 / 10, e.fundingCarryBps(), 1e-9, "the short perp still receives 1 bp/h for 8 h");
        assertEquals(VenuePair.PERP_HLSPOT, e.pair());
        assertEquals(e.grossEdgeBps() - e.totalCostBps(), e.netEdgeBps(), 1e-9);
    }

    @Test
    void spotAgainstSpotPaysTheTransferAndNoFunding() {
        SpreadBook b = threeVenues();
        MarketSnapshot m = MarketSnapshot.of("DYDX", b, null, 150.0, VenuePair.HLSPOT_JUPITER);
        assertEquals(2.10, m.spotPx(), 1e-12, "leg B: Jupiter");
        assertTrue(Double.isNaN(m.fundingHourly()), "spot has no funding");
        ExecutionEstimate sell = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, 2100, 8);
        // Sell 1000 into Hyperliquid spot's bids (the recorded book), as the perp leg did in ExecutionModelTest.
        double bids = (134.4 * 2.111 + 141.1 * 2.1105 + 125.8 * 2.1104 + 598.7 * 2.1081) / 1000;
        assertEquals(bids, sell.perpEntry().price(), 1e-12);
        assertEquals(2 * 7.0, sell.perpFeesBps(), "leg A pays Hyperliquid spot's fee");
        assertEquals(0.0, sell.fundingCarryBps());
        // No volatility measured in this book: the fallback (annual) volatility over the deposit delay (1 m).
        double risk = VenuePair.transferRiskBps(1, params.volFallbackPerSqrtSecond(), Duration.ofMinutes(1).toNanos());
        assertEquals(5 + risk, sell.transferCostBps(), 1e-12, "Unit's network fee + 1 sigma over the delay");
        assertEquals(Duration.ofMinutes(1).toNanos(), sell.transferDelayNanos());
        assertEquals(sell.grossEdgeBps() - sell.totalCostBps(), sell.netEdgeBps(), 1e-9);

        ExecutionEstimate buy = model.estimate(m, Direction.LONG_PERP_SHORT_SPOT, 2100, 8);
        assertEquals(Duration.ofMinutes(10).toNanos(), buy.transferDelayNanos(), "a withdrawal: 10 minutes");
        assertEquals(Math.sqrt(10), (buy.transferCostBps() - 5) / risk, 1e-9, "risk grows with sqrt(delay)");

        ExecutionEstimate held = new ExecutionModel(params.withTransfer(new TransferCosts(5, 60_000_000_000L,
                600_000_000_000L, 0))).estimate(m, Direction.SHORT_PERP_LONG_SPOT, 2100, 8);
        assertEquals(5.0, held.transferCostBps(), "inventory on both venues: the fee only");
    }

    @Test
    void theMonteCarloChargesThePairsCostsOnEveryFilledPath() {
        SpreadBook b = threeVenues();
        MarketSnapshot m = MarketSnapshot.of("DYDX", b, null, 150.0, VenuePair.HLSPOT_JUPITER);
        ExecutionParams still = params.withLatency(new ConstantLatency(0), new ConstantLatency(0))
                .withFailProbabilities(0, 0);
        ExecutionEstimate e = new ExecutionModel(still).estimate(m, Direction.SHORT_PERP_LONG_SPOT, 2100, 8);
        MonteCarlo.Outcome o = new MonteCarlo(e, still, 0, 1_000_000_000L).run(10, 1, 1);
        for (double pnl : o.pnlUsd()) {
            assertEquals(e.netEdgeUsd(), pnl, 1e-9, "zero latency and volatility: every path is the estimate");
        }
    }

    @Test
    void aTemplateNamesThePairItTradesAndTheSimulatorHoldsItToIt() {
        String yaml = """
                templates:
                  - name: DYDX carry
                    token: DYDX
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: 5
                    funding-threshold-bps: 1
                    direction: auto
                    risk-multiplier: 1
                    pair: perp-hlspot
                """;
        Template t = Templates.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml")
                .get("DYDX carry");
        assertEquals("perp-hlspot", t.pair());
        assertEquals(VenuePair.PERP_HLSPOT, t.pairCode());
        SpreadBook b = threeVenues();
        Simulator sim = new Simulator(params.withThreads(1));
        SimulationResult r = sim.run(t, MarketSnapshot.of("DYDX", b, null, 150.0, VenuePair.PERP_HLSPOT), 1000, 100,
                1);
        assertEquals(VenuePair.PERP_HLSPOT, r.estimate().pair());
        ExecutionException wrong = assertThrows(ExecutionException.class,
                () -> sim.run(t, MarketSnapshot.of("DYDX", b, null, 150.0), 1000, 100, 1));
        assertTrue(wrong.getMessage().contains("trades perp-hlspot, not perp-jupiter"), wrong.getMessage());

        ConfigException bad = assertThrows(ConfigException.class, () -> Templates.parse(new ByteArrayInputStream(
                yaml.replace("perp-hlspot", "perp-kraken").getBytes(StandardCharsets.UTF_8)), "t.yaml"));
        assertTrue(bad.getMessage().contains("pair: must be perp-jupiter, perp-hlspot or hlspot-jupiter, got"
                + " 'perp-kraken'"), bad.getMessage());
    }

    @Test
    void aTemplatesFileKeepsThePairAndOmitsTheDefault(@TempDir Path dir) {
        Template carry = new Template("c", "SOL", 1000, Duration.ofSeconds(2), 5, 1, DirectionPolicy.AUTO, 1, null,
                "hlspot-jupiter");
        Template plain = new Template("p", "SOL", 1000, Duration.ofSeconds(2), 5, 1, DirectionPolicy.AUTO, 1, null);
        Path f = dir.resolve("templates.yaml");
        Templates.empty().with(carry).with(plain).write(f);
        Templates back = Templates.load(f);
        assertEquals(carry, back.get("c"));
        assertEquals("perp-jupiter", back.get("p").pair());
    }
}
