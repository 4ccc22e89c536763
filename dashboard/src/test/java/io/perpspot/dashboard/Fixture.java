package io.perpspot.dashboard;

import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.cache.RedisTarget;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The journal the dashboard tests read: 120 tokens ("T000".."T116", BONK, and SLIPG/SLIPO/SLIPR whose
 * perp books make $1000 cost about 10, 120 and 300 bps: one per colour band), every one with spot, perp,
 * funding, a book and strategy spread snapshots; a failover of the perp feed to testnet and back;
 * two opportunities. Every token but BONK has a Jupiter quote ladder ($1k/$10k/$100k, 1 bps from spot), except
 * T005 whose ladder costs 300 bps (red on the spot leg, green on the perp). Feed and engine latency snapshots;
 * cache status records with a password the cache redacted.
 */
final class Fixture {
    static final int TOKENS = 120;
    int bonk;
    int slipGreen;
    int slipOrange;
    int slipRed;
    int t000;
    static final int SPOT_RED = 5;
    static final String REDIS_PASSWORD = "hunter2-redis-secret";

    static Fixture write(TestJournal j) {
        Fixture f = new Fixture();
        j.engineStart();
        for (int i = 0; i < TOKENS - 4; i++) {
            j.token(String.format(Locale.ROOT, "T%03d", i), String.format(Locale.ROOT, "T%03d", i));
        }
        f.t000 = 0;
        f.bonk = j.token("BONK", "kBONK");
        f.slipGreen = j.token("SLIPG", "SLIPG");
        f.slipOrange = j.token("SLIPO", "SLIPO");
        f.slipRed = j.token("SLIPR", "SLIPR");
        j.status(Source.HL_WS_MAINNET, SourceState.UP, "connected to mainnet");
        j.status(Source.JUPITER_PRICE, SourceState.UP, "prices from jupiter");
        for (int step = 0; step < 3; step++) {
            j.tick(1000);
            for (int id = 0; id < TOKENS; id++) {
                if (id == f.bonk) {
                    j.spot(id, "0.0000216");
                    j.bbo(id, "0.00002158", "0.00002162");
                    j.ctx(id, "0.0000125", "0.0000216");
                    j.book(id, 0.0000216, 50_000, 2, 5);
                    j.spread(id, "0.0000216", "0.0000216", 0.0, 0.1, 0.0, 1.0);
                    continue;
                }
                double mid = 10 + id;
                String m = Double.toString(mid);
                j.spot(id, m);
                j.bbo(id, Double.toString(mid - 0.01), Double.toString(mid + 0.01));
                j.ctx(id, "0.0000125", m);
                double step2 = id == f.slipGreen ? 10 : id == f.slipOrange ? 120 : id == f.slipRed ? 300 : 2;
                j.book(id, mid, 5_000, step2, 5);
                double cost = id == SPOT_RED ? 0.03 : 0.0001;
                for (double usd : new double[] {1_000, 10_000, 100_000}) {
                    j.quote(id, QuoteSide.BUY, usd, mid * (1 + cost));
                    j.quote(id, QuoteSide.SELL, usd, mid * (1 - cost));
                }
                j.spread(id, m, m, 1.5 + step, 0.2 * step, 1.0, 0.5);
            }
            if (step == 1) {
                j.status(Source.HL_WS_MAINNET, SourceState.DOWN, "mainnet closed the socket");
                j.status(Source.HL_WS_TESTNET, SourceState.UP, "failed over to testnet");
            }
        }
        j.status(Source.HL_WS_TESTNET, SourceState.DOWN, "back to mainnet");
        j.engineLatency(LatencyKind.JOURNAL, Source.HL_WS_MAINNET, 20_000, 30_000, 40_000, 900_000);
        j.feedLatency(Source.HL_WS_MAINNET, 5_000_000, 7_000_000, 9_000_000, 120_000_000);
        j.status(Source.HL_WS_MAINNET, SourceState.UP, "mainnet healthy again");
        // the cache lost Redis: its reason comes through the cache's own redaction
        RedisTarget target = RedisTarget.parse("redis://:" + REDIS_PASSWORD + "@10.0.0.5:6380/1", null);
        j.status(Source.CACHE_REDIS, SourceState.DOWN, target.scrub("connection to " + target.redacted()
                + " refused (auth " + REDIS_PASSWORD + ")"));
        j.status(Source.CACHE_LOCAL, SourceState.UP, "local, 20000 entries max");
        j.opportunity(f.t000, OutputRecord.SHORT_PERP_LONG_SPOT, 14.5, 2.4);
        j.tick(500);
        j.opportunity(f.slipRed, OutputRecord.LONG_PERP_SHORT_SPOT, 11.0, -2.2);
        return f;
    }

    static DashboardSettings settings() {
        return new DashboardSettings("127.0.0.1", 0, 100, 64, 50, 1000, 1000, 60_000, 1_000_000);
    }

    /** The engine's execution model, templates and latency reader, with the shipped defaults. */
    static DashboardServices services() {
        return DashboardServices.engine(ConfigLoader.defaults());
    }

    static Dashboard start(Path journal, DashboardSettings s, DashboardServices services) throws InterruptedException {
        Dashboard d = Dashboard.start(s, journal, services);
        if (!d.awaitCaughtUp(30, TimeUnit.SECONDS)) {
            d.close();
            throw new AssertionError("the dashboard did not read the journal within 30 s");
        }
        return d;
    }

    /**
     * Writes the fixture, then {@code count} more opportunities on T001, T002, ..., each after a spot price of its
     * own token (so the state at each is its own, not the journal's end), calling {@code after} with the token id
     * after each; returns every opportunity's seq, oldest first (the fixture's two, then these).
     */
    static List<Long> writeWithOpportunities(TestJournal j, int count, IntConsumer after) {
        write(j);
        List<Long> seqs = new ArrayList<>(List.of(j.lastOutputIndex() - 1, j.lastOutputIndex()));
        for (int id = 1; id <= count; id++) {
            j.tick(200);
            j.spot(id, Double.toString(10 + id + 0.001 * id));
            j.opportunity(id, id % 2 == 0 ? OutputRecord.LONG_PERP_SHORT_SPOT : OutputRecord.SHORT_PERP_LONG_SPOT,
                    10 + id, 2.1 + id * 0.1);
            seqs.add(j.lastOutputIndex());
            after.accept(id);
        }
        return seqs;
    }

    /** Closes each of {@code parts} that is not null, in order (a test's browser, sidecars and journal). */
    static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable c : parts) {
            if (c != null) {
                c.close();
            }
        }
    }

    record Reply(int status, String body) {
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Reply get(Dashboard d, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(d.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    static Reply post(Dashboard d, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(d.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
