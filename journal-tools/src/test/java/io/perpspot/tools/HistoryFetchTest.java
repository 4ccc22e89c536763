package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history fetch} against the sim Hyperliquid info endpoint on loopback: pagination, journal
 * contents, errors; and against a rate-limiting endpoint: 429s are waited out, within a bound.
 */
class HistoryFetchTest {
    static SimVenues venues;
    static final long NOW = Instant.parse("2025-01-20T00:00:00Z").toEpochMilli();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=10")));
        venues.hyperliquid().historyClock(() -> NOW);
    }

    @AfterAll
    static void stop() {
        venues.close();
    }

    /** Records of the journal: type, source, time. */
    private static List<long[]> records(Path dir) {
        List<long[]> out = new ArrayList<>();
        try (JournalReader r = JournalReader.open(dir)) {
            r.forEachInput(e -> {
                out.add(new long[] {e.type, e.source, e.recvNanos, e.funding, e.premium, e.midPx});
                return true;
            });
        }
        return out;
    }

    @Test
    void fetchesEveryPageOfCandlesAndFundingIntoAJournal() {
        venues.hyperliquid().historyLimits(1000, 10);
        try {
            Path out = tmp.resolve("h");
            long before = venues.hyperliquid().infoRequests();
            InProcessCli.Run r = InProcessCli.run("history", "fetch", "--token", "SOL", "--from", "2025-01-18", "--to",
                    "2025-01-19T12:00:00Z",
                    "--out", out, "--url", venues.infoUrl());
            assertEquals(0, r.code(), r::toString);
            // 36 h of 1m candles with open times in [from, to]: 2,161, in pages of 1,000 -> 3 requests.
            // Funding settles 40 ms after each hour: 00:00 .. 11:00 of the 19th -> 36 rows, pages of 10 -> 4 requests,
            // and a 5th, empty, since the range ends after the last settlement.
            assertTrue(r.out().contains("2,161 candles (3 requests), 36 funding rows (5 requests)"), r.out());
            assertEquals(8, venues.hyperliquid().infoRequests() - before);
            List<long[]> recs = records(out);
            assertEquals(EventType.ENGINE_START, recs.get(0)[0]);
            assertEquals(EventType.TOKEN_DEF, recs.get(1)[0]);
            long mids = recs.stream().filter(x -> x[0] == EventType.PERP_MID).count();
            long ctx = recs.stream().filter(x -> x[0] == EventType.PERP_CTX).count();
            assertEquals(2161, mids);
            assertEquals(36, ctx);
            long last = Long.MIN_VALUE;
            for (long[] x : recs.subList(2, recs.size())) {
                assertEquals(Source.IMPORT, x[1]);
                assertTrue(x[2] >= last, "time order");
                last = x[2];
            }
            assertTrue(recs.stream().filter(x -> x[0] == EventType.PERP_CTX).allMatch(x -> x[3] != FixedPoint.NULL));
            // The journal is a backtest input like any other.
            InProcessCli.Run stats = InProcessCli.run("journal", "stats", out);
            assertEquals(0, stats.code(), stats::toString);
        } finally {
            venues.hyperliquid().historyLimits(5000, 500);
        }
    }

    @Test
    void decodesARecordedFundingHistoryAnswer() throws Exception {
        String body = Fixtures.text("nautilus_trader__http_funding_history.json");
        venues.hyperliquid().info().canned("fundingHistory", body);
        try {
            Path out = tmp.resolve("f");
            // Candles of 2026 lie beyond this sim's clock: none; the three recorded funding rows are the journal.
            InProcessCli.Run r = InProcessCli.run("history", "fetch", "--token", "BTC", "--from", "1769900000000",
                    "--to",
                    "1769920000000",
                    "--out", out, "--url", venues.infoUrl(), "--interval", "1h");
            assertEquals(0, r.code(), r::toString);
            List<long[]> ctx = records(out).stream().filter(x -> x[0] == EventType.PERP_CTX).toList();
            assertEquals(3, ctx.size());
            assertEquals(12_500_000L, ctx.get(0)[3], "fundingRate 0.0000125");
            assertEquals(290_050_000L, ctx.get(0)[4], "premium 0.00029005");
            assertEquals(-8_100_000L, ctx.get(1)[3], "fundingRate -0.0000081");
            assertEquals(FixedPoint.NULL, ctx.get(2)[4], "the third row has no premium");
            assertEquals(1769908800000L * 1_000_000L, ctx.get(0)[2]);
        } finally {
            venues.hyperliquid().info().canned("fundingHistory", null);
        }
    }

    @Test
    void badInputAndVenueErrorsAreOneLineAndExitCode2() {
        InProcessCli.Run unknown =
                InProcessCli.run("history", "fetch", "--token", "NOPE", "--from", "2025-01-18", "--to", "2025-01-19",
                "--out", tmp.resolve("u"), "--url", venues.infoUrl());
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().startsWith("perpspot: history fetch: candleSnapshot: HTTP 500"), unknown::toString);
        assertTrue(unknown.err().contains("unknown coin"), unknown::toString);
        assertFalse(Files.exists(tmp.resolve("u")), "nothing written");
        InProcessCli.Run range = InProcessCli.run("history", "fetch", "--token", "SOL", "--from", "2025-01-19", "--to",
                "2025-01-18",
                "--out", tmp.resolve("r"), "--url", venues.infoUrl());
        assertEquals(2, range.code(), range::toString);
        assertEquals("perpspot: --to: must be after --from\n", range.err());
        InProcessCli.Run interval =
                InProcessCli.run("history", "fetch", "--token", "SOL", "--from", "2025-01-18", "--to", "2025-01-19",
                "--out", tmp.resolve("i"), "--url", venues.infoUrl(), "--interval", "7m");
        assertEquals(2, interval.code(), interval::toString);
        assertTrue(interval.err().startsWith("perpspot: --interval: expected"), interval::toString);
    }

    /** {@code history fetch} of one day of SOL from {@code url}, with tiny backoff delays. */
    private InProcessCli.Run fetchFrom(String url, Path out) {
        return InProcessCli.run("history", "fetch", "--token", "SOL", "--from", "2025-01-18", "--to", "2025-01-19",
                "--out", out,
                "--url", url, "--set", "feeds.backoff.initial=1ms", "--set", "feeds.backoff.max=20ms");
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterAndTheFetchCompletes() throws Exception {
        try (RateLimitedInfoServer info = RateLimitedInfoServer.start(1, "1")) {
            Path out = tmp.resolve("ra");
            InProcessCli.Run r = fetchFrom(info.url(), out);
            assertEquals(0, r.code(), r::toString);
            // 429, the candle, the page after it (nothing newer), the funding rows (none).
            assertTrue(r.out().contains("1 candles (2 requests), 0 funding rows (1 requests), 1 rate-limited (429)"
                    + " answers waited out"), r.out());
            List<Long> at = info.arrivals();
            assertEquals(4, at.size());
            // The backoff is at most 20 ms here: a retry a second later is Retry-After's.
            assertTrue(at.get(1) - at.get(0) >= 1_000_000_000L, "retried after " + (at.get(1) - at.get(0)) + " ns");
            assertEquals(1, records(out).stream().filter(x -> x[0] == EventType.PERP_MID).count());
        }
    }

    @Test
    void a429WithoutRetryAfterIsRetriedWithBackoff() throws Exception {
        try (RateLimitedInfoServer info = RateLimitedInfoServer.start(3, null)) {
            Path out = tmp.resolve("bo");
            InProcessCli.Run r = fetchFrom(info.url(), out);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("1 candles (2 requests), 0 funding rows (1 requests), 3 rate-limited (429)"
                    + " answers waited out"), r.out());
            assertEquals(3 + 3, info.arrivals().size());
            assertEquals(1, records(out).stream().filter(x -> x[0] == EventType.PERP_MID).count());
        }
    }

    @Test
    void anEndpointThatAlwaysAnswers429EndsTheFetchWithOneLineAfterTheBound() throws Exception {
        try (RateLimitedInfoServer info = RateLimitedInfoServer.start(Integer.MAX_VALUE, null)) {
            Path out = tmp.resolve("al");
            InProcessCli.Run r = fetchFrom(info.url(), out);
            assertEquals(2, r.code(), r::toString);
            assertEquals("perpspot: history fetch: candleSnapshot: HTTP 429 from " + info.url()
                    + ": still rate limited after 6 attempts\n", r.err());
            assertEquals(6, info.arrivals().size(), "the first attempt and five retries");
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void aRetryAfterBeyondWhatTheCommandWaitsEndsTheFetchAtOnce() throws Exception {
        try (RateLimitedInfoServer info = RateLimitedInfoServer.start(1, "3600")) {
            InProcessCli.Run r = fetchFrom(info.url(), tmp.resolve("long"));
            assertEquals(2, r.code(), r::toString);
            assertEquals("perpspot: history fetch: candleSnapshot: HTTP 429 from " + info.url()
                    + ": Retry-After 3600 s is longer than the 300 s this command waits\n", r.err());
            assertEquals(1, info.arrivals().size());
        }
    }
}
