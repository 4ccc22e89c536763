package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest's accounting on a hand-built journal: one SOL round trip with known prices, fees
 * and one hourly funding settlement gives exactly the P&amp;L computed by hand below.
 */
class BacktestAccountingTest {
    static final long T0 = Instant.parse("2025-01-15T12:59:42Z").getEpochSecond() * 1_000_000_000L;
    static final long SEC = 1_000_000_000L;

    @TempDir
    Path tmp;

    /**
     * Seconds 0..14: spot 100, perp book 100.00/100.02 or 100.01/100.03 (basis 1 or 2 bps);
     * seconds 15..19 (12:59:57 to 13:00:01): perp 101.00/101.02 (basis 101 bps: z far above 2, the
     * perp is rich: sell the perp, buy spot); from second 20 (13:00:02) back to 100.00/100.02.
     * Every second a PerpCtx with funding 0.0001/h and oracle 100. Jupiter ladder: buy $1,000 at
     * 100.02, sell $1,000 at 99.98. Perp book: one level of 1,000 tokens each side.
     */
    static Path handBuilt(Path dir) {
        Journal journal = Journal.openForWrite(dir, "daily");
        try (ExcerptAppender a = journal.input().createAppender()) {
            MarketEvent e = new MarketEvent();
            String text = StrategySettings.from(ConfigLoader.load(null, List.of("strategy.zscore.window=30",
                    "strategy.zscore.min-samples=5", "strategy.zscore.sample-interval=1s"))).text();
            write(a, EngineEvents.engineStart(e, text, T0 - SEC));
            write(a, EngineEvents.tokenDef(e,
                    new Token(0, "SOL", "SOL", 0, "So11111111111111111111111111111111111111112", 9), T0 - SEC));
            quote(a, e, QuoteSide.BUY, 100.02, T0 - SEC);
            quote(a, e, QuoteSide.SELL, 99.98, T0 - SEC);
            for (int k = 0; k < 40; k++) {
                long t = T0 + k * SEC;
                double bid = k >= 15 && k < 20 ? 101.00 : (k % 2 == 0 ? 100.00 : 100.01);
                e.reset();
                e.type = EventType.PERP_BOOK;
                e.source = Source.HL_WS_MAINNET;
                e.tokenId = 0;
                e.recvNanos = t;
                e.exchTimeMs = t / 1_000_000;
                e.bidCount = 1;
                e.askCount = 1;
                e.bidPxs[0] = px(bid);
                e.bidSzs[0] = 1000 * FixedPoint.SIZE_SCALE;
                e.askPxs[0] = px(bid + 0.02);
                e.askSzs[0] = 1000 * FixedPoint.SIZE_SCALE;
                write(a, e);
                e.reset();
                e.type = EventType.SPOT_PRICE;
                e.source = Source.JUPITER_PRICE;
                e.tokenId = 0;
                e.recvNanos = t + 1000;
                e.spotPx = px(100);
                write(a, e);
                e.reset();
                e.type = EventType.PERP_CTX;
                e.source = Source.HL_WS_MAINNET;
                e.tokenId = 0;
                e.recvNanos = t + 2000;
                e.funding = px(0.0001);
                e.oraclePx = px(100);
                e.markPx = px(100);
                write(a, e);
            }
        } finally {
            journal.close();
        }
        return dir;
    }

    static long px(double v) {
        return Math.round(v * FixedPoint.PRICE_SCALE);
    }

    private static void quote(ExcerptAppender a, MarketEvent e, int side, double px, long t) {
        e.reset();
        e.type = EventType.SPOT_QUOTE;
        e.source = Source.JUPITER_QUOTE;
        e.tokenId = 0;
        e.recvNanos = t;
        e.quoteSide = side;
        e.quoteNotionalUsd = 1000 * FixedPoint.SIZE_SCALE;
        e.quotePx = px(px);
        e.quoteImpactPpm = 0;
        e.blockId = 1;
        write(a, e);
    }

    private static void write(ExcerptAppender a, MarketEvent e) {
        try (DocumentContext dc = a.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }

    static Path templates(Path file) throws Exception {
        Files.writeString(file, """
                templates:
                  - name: Round Trip
                    token: SOL
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: -10000
                    funding-threshold-bps: 5
                    direction: short-perp
                    risk-multiplier: 1.0
                    holding-horizon: 1h
                """);
        return file;
    }

    @Test
    void aSingleRoundTripWithKnownPricesFeesAndFundingGivesTheExactPnl() throws Exception {
        Path j = handBuilt(tmp.resolve("j"));
        Path out = tmp.resolve("bt");
        InProcessCli.Run r = InProcessCli.run("replay", j, "--template", "Round Trip", "--templates",
                templates(tmp.resolve("t.yaml")),
                "--report", out, "--no-progress",
                "--set", "execution.hyperliquid.latency-p50=0ms", "--set", "execution.hyperliquid.latency-p99=0ms",
                "--set", "execution.solana.latency-p50=0ms", "--set", "execution.solana.latency-p99=0ms",
                "--set", "execution.hyperliquid.fail-probability=0", "--set", "execution.solana.fail-probability=0",
                "--set", "execution.hyperliquid.fee-tier=0", "--set", "execution.hyperliquid.order-type=taker",
                "--set", "strategy.fees.jupiter-platform-bps=2",
                "--set", "execution.solana.base-fee-lamports=5000", "--set",
                "execution.solana.priority-fee-lamports=0");
        assertEquals(0, r.code(), r::toString);
        List<String> rows = Files.readAllLines(out.resolve("trades.csv"));
        assertEquals(2, rows.size(), String.join("\n", rows));
        String[] h = rows.get(0).split(",");
        String[] v = rows.get(1).split(",", -1);
        Map<String, String> t = new HashMap<>();
        for (int i = 0; i < h.length; i++) {
            t.put(h[i], v[i]);
        }
        // Entry at 12:59:57 on the first rich book: q = $1,000 / spot 100 = 10 SOL.
        //   sell 10 perp at the bid 101.00 (one level of 1,000: no walk), buy $1,000 spot on the ladder rung: 100.02.
        // Funding at 13:00:00: short perp receives +1 x 0.0001 x 10 x oracle 100 = +0.1.
        // Exit at 13:00:02 (basis back to 1 bps, below the window mean): buy 10 perp at the ask 100.02,
        //   sell $1,000 of spot on the sell rung: 99.98.
        // perp P&L = 10 x (101.00 - 100.02) = 9.8;  spot P&L = 10 x (99.98 - 100.02) = -0.4
        // fees: Hyperliquid taker 4.5 bps x (1,010.0 + 1,000.2) = 0.90459; Jupiter 2 bps x (1,000.2 + 999.8) = 0.4;
        //       Solana 2 tx x 5,000 lamports x 1e-9 x SOL 100 = 0.001          -> 1.30559
        // P&L = 9.8 - 0.4 - 1.30559 + 0.1 = 8.19441
        assertEquals("2025-01-15T12:59:57Z", t.get("entry_time"));
        assertEquals("2025-01-15T13:00:02Z", t.get("exit_time"));
        assertEquals("short-perp/long-spot", t.get("direction"));
        assertEquals("converged", t.get("exit_reason"));
        assertEquals(10.0, Double.parseDouble(t.get("quantity")), 1e-9);
        assertEquals(101.00, Double.parseDouble(t.get("perp_entry_px")), 1e-9);
        assertEquals(100.02, Double.parseDouble(t.get("spot_entry_px")), 1e-9);
        assertEquals(100.02, Double.parseDouble(t.get("perp_exit_px")), 1e-9);
        assertEquals(99.98, Double.parseDouble(t.get("spot_exit_px")), 1e-9);
        assertEquals(1.30559, Double.parseDouble(t.get("fees_usd")), 1e-8);
        assertEquals(0.1, Double.parseDouble(t.get("funding_usd")), 1e-9);
        assertEquals(9.8, Double.parseDouble(t.get("perp_pnl_usd")), 1e-8);
        assertEquals(-0.4, Double.parseDouble(t.get("spot_pnl_usd")), 1e-8);
        assertEquals(8.19441, Double.parseDouble(t.get("pnl_usd")), 1e-8);
        // Slippage per leg with its band: selling at 101.00 against the mid 101.01 is ~0.99 bps, green.
        assertEquals("green", t.get("perp_entry_band"));
        assertEquals("green", t.get("spot_entry_band"));
        String stats = Files.readString(out.resolve("stats.csv"));
        assertTrue(stats.contains("total_pnl_usd,8.19441\n"), stats);
        assertTrue(stats.contains("win_rate,1\n"), stats);
        assertTrue(r.out().contains("total P&L       $8.19"), r.out());
    }
}
