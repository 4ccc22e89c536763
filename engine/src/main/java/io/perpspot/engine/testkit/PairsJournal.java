package io.perpspot.engine.testkit;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.List;

/**
 * A journal of one token (SOL) on all three venues, written through the engine's real {@link Pipeline} (ring →
 * journal → strategy → output queue), so its Spread and Opportunity records of every venue pair are the ones the live
 * strategy derives. Scripted, no randomness; event time from {@link #T0}, one step a second for {@link #SECONDS}:
 *
 * <pre>
 * perp      PerpBbo (hl-ws-mainnet) bid 99.995 ask 100.005 every second: the perp mid stays 100
 * Jupiter   SpotPrice 100 × (1 + j/10⁴), j = +1 on even seconds, −1 on odd; −80 in seconds 55..60 (Jupiter cheap)
 * hl spot   PerpBbo (hl-spot) mid 100 × (1 + h/10⁴), h = +1.5 when k % 3 == 0, else −1.5, ± 0.005 around it;
 *           −80 in seconds 30..35 (Hyperliquid spot cheap); one PerpBook (hl-spot) at second 20; none after 36
 * </pre>
 *
 * So: seconds 30..35 dislocate perp-hlspot (short-perp/long-hlspot) and hlspot-jupiter (long-hlspot/short-jupiter);
 * seconds 55..60 dislocate perp-jupiter (short-perp/long-spot) while the Hyperliquid spot leg is 19 s old, older than
 * {@code max-perp-age} (15 s): hlspot-jupiter's would-be opportunity is refused as stale-perp (its leg A), and
 * perp-hlspot, with a stale leg B, writes no Spread from second 52 on. Settings: the defaults with
 * {@code min-samples=10} and {@code transfer.risk-sigmas=0} (the transfer's price risk is the detector's test's).
 */
public final class PairsJournal {
    /** 2025-01-15T12:00:00Z. */
    public static final long T0 = 1_736_942_400_000_000_000L;
    public static final long S = 1_000_000_000L;
    public static final int SECONDS = 70;
    private static final long PX = 1_000_000_000_000L;

    public final Path dir;
    public final long inputRecords;
    public final long[] spreadsByPair = new long[VenuePair.COUNT];
    public final long[] opportunitiesByPair = new long[VenuePair.COUNT];
    public final long spreads;
    public final long opportunities;
    public final long refusals;
    /** Hyperliquid spot books journaled: 36 PerpBbo and one PerpBook. */
    public final long hlSpotEvents;

    private PairsJournal(Path dir, Pipeline p, long inputRecords, long hlSpotEvents) {
        this.dir = dir;
        this.inputRecords = inputRecords;
        this.hlSpotEvents = hlSpotEvents;
        for (int pair = 0; pair < VenuePair.COUNT; pair++) {
            spreadsByPair[pair] = p.strategy().spreadsOfPair(pair);
            opportunitiesByPair[pair] = p.strategy().opportunitiesOfPair(pair);
        }
        spreads = p.strategy().spreads();
        opportunities = p.strategy().opportunities();
        long n = 0;
        for (int r = 1; r < OutputRecord.GATE_REASONS; r++) {
            n += p.strategy().refusals(r);
        }
        refusals = n;
    }

    /** The SOL token the journal defines (id 0). */
    public static Token sol() {
        Token t = Fixtures.shippedTokens().get(0);
        if (!t.symbol().equals("SOL")) {
            throw new IllegalStateException("tokens.csv starts with " + t.symbol());
        }
        return t;
    }

    /** Writes the journal into {@code dir} (a new journal) and returns its figures. */
    public static PairsJournal write(Path dir) {
        String text = StrategySettings.from(ConfigLoader.load(null, List.of("strategy.zscore.min-samples=10",
                "strategy.transfer.risk-sigmas=0"))).text();
        Journal journal = Journal.openForWrite(dir, "daily");
        Pipeline p = new Pipeline(journal, PipelineSettings.plain(1024, "blocking"), new FeedStats());
        long records = 0;
        long hlSpot = 0;
        try {
            p.start();
            MarketEvent e = new MarketEvent();
            records += emit(p, EngineEvents.engineStart(e, text, T0));
            records += emit(p, EngineEvents.tokenDef(e, sol(), T0));
            for (int k = 1; k <= SECONDS; k++) {
                long t = T0 + k * S;
                records += emit(p, bbo(e, Source.HL_WS_MAINNET, t, 99_995 * PX / 1000, 100_005 * PX / 1000));
                double j = k >= 55 && k <= 60 ? -80 : k % 2 == 0 ? 1 : -1;
                e.reset();
                e.type = EventType.SPOT_PRICE;
                e.source = Source.JUPITER_PRICE;
                e.tokenId = 0;
                e.recvNanos = t + 1_000_000;
                e.spotPx = Math.round(100 * (1 + j / 10_000) * 1e6) * (PX / 1_000_000);
                records += emit(p, e);
                if (k <= 36) {
                    double h = k >= 30 && k <= 35 ? -80 : k % 3 == 0 ? 1.5 : -1.5;
                    long mid = Math.round(100 * (1 + h / 10_000) * 1e6) * (PX / 1_000_000);
                    long half = 5 * PX / 1000;
                    records += emit(p, bbo(e, Source.HL_SPOT, t + 2_000_000, mid - half, mid + half));
                    hlSpot++;
                    if (k == 20) {
                        e.reset();
                        e.type = EventType.PERP_BOOK;
                        e.source = Source.HL_SPOT;
                        e.tokenId = 0;
                        e.recvNanos = t + 3_000_000;
                        e.exchTimeMs = (t + 3_000_000) / 1_000_000 - 30;
                        e.bidCount = 2;
                        e.askCount = 2;
                        for (int i = 0; i < 2; i++) {
                            e.bidPxs[i] = mid - half - i * half;
                            e.bidSzs[i] = (10 + i) * 1_000_000L;
                            e.bidNs[i] = 1 + i;
                            e.askPxs[i] = mid + half + i * half;
                            e.askSzs[i] = (12 + i) * 1_000_000L;
                            e.askNs[i] = 2 + i;
                        }
                        records += emit(p, e);
                        hlSpot++;
                    }
                }
            }
        } finally {
            p.close();
        }
        if (p.handlerErrors() != 0 || p.journalHandler().appended() != records) {
            throw new IllegalStateException("published " + records + ", journaled " + p.journalHandler().appended()
                    + ", consumer errors " + p.handlerErrors());
        }
        PairsJournal j = new PairsJournal(dir, p, records, hlSpot);
        journal.close();
        return j;
    }

    private static MarketEvent bbo(MarketEvent e, int source, long recv, long bid, long ask) {
        e.reset();
        e.type = EventType.PERP_BBO;
        e.source = source;
        e.tokenId = 0;
        e.recvNanos = recv;
        e.exchTimeMs = recv / 1_000_000 - 20;
        e.bidPx = bid;
        e.bidSz = 5_000_000L;
        e.askPx = ask;
        e.askSz = 7_000_000L;
        return e;
    }

    /** Publishes one event, waiting for room first: a fixture must not lose one to a full ring. */
    private static int emit(Pipeline p, MarketEvent e) {
        while (p.backlog() >= 1023) {
            Thread.onSpinWait();
        }
        while (!p.publisher().publish(e)) {
            Thread.onSpinWait();
        }
        return 1;
    }
}
