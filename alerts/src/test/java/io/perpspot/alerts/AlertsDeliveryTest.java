package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.sink.SinkStats;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputJournalSink;
import io.perpspot.engine.testkit.Await;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts over a real Chronicle journal (the test-kit's synthetic journal through the real pipeline: a failover at
 * 20 s, opportunities on tokens 0 and 1 at 45 s and 55 s) to webhook receivers on real loopback sockets.
 */
class AlertsDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            rules:
              - name: edge
                kind: opportunity
                min-net-bps: 10
                min-abs-z: 2
                cooldown: 5m
              - name: failover
                kind: failover
                cooldown: 1m
            """;

    @TempDir
    static Path shared;
    static SyntheticJournal journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeJournal() {
        journal = SyntheticJournal.write(shared.resolve("journal"));
    }

    private static AlertsSetup setup(String rules, String sinks) {
        AlertsFile f = AlertsFile.parse("sinks:\n" + sinks + rules, "test-alerts.yaml");
        return new AlertsSetup(f, "test-alerts.yaml", "http://127.0.0.1:8080/");
    }

    private static String sink(String name, String format, String url, String extra) {
        return "  - name: " + name + "\n    format: " + format + "\n    url: " + url + "\n    backoff: 20ms\n" + extra;
    }

    private AlertsService start(Path dir, AlertsSetup s) {
        return new AlertsService(dir, s, tmp.resolve("state"), true).start();
    }

    @Test
    void slackAndDiscordReceiversGetShapedAlertsForOpportunitiesAndAFailover() throws Exception {
        List<Alert> expected = AlertsReplay.run(journal.dir(), setup(RULES, "  []\n"));
        // failover: mainnet down + testnet up at 20 s; opportunities: token 0 and token 1, once each (cooldown)
        assertEquals(4, expected.size(), expected.toString());
        try (Receiver slack = Receiver.ok(); Receiver discord = Receiver.ok();
                AlertsService svc = start(journal.dir(), setup(RULES, sink("s", "slack", slack.url(), "")
                        + sink("d", "discord", discord.url(), "")))) {
            Await.await("4 alerts on each receiver", 20,
                    () -> slack.accepted().size() == 4 && discord.accepted().size() == 4);
            String sol = journal.tokens().get(0).symbol();
            String second = journal.tokens().get(1).symbol();
            List<String> slackTexts = new ArrayList<>();
            for (String b : slack.accepted()) {
                JsonNode n = JSON.readTree(b);
                assertEquals(1, n.size(), b);
                slackTexts.add(n.get("text").asText());
            }
            for (int i = 0; i < 4; i++) {
                JsonNode n = JSON.readTree(discord.accepted().get(i));
                assertEquals(1, n.size());
                assertEquals(slackTexts.get(i), n.get("content").asText());
                assertEquals(expected.get(i).text(), slackTexts.get(i));
            }
            assertTrue(slackTexts.get(0).contains("source hl-ws-mainnet down"), slackTexts.get(0));
            assertTrue(slackTexts.get(1).contains("failover: now on fallback source hl-ws-testnet"), slackTexts.get(1));
            assertTrue(slackTexts.get(2).contains("opportunity short-perp/long-spot on " + sol), slackTexts.get(2));
            assertTrue(slackTexts.get(2).contains("net_bps") && slackTexts.get(2).contains("http://127.0.0.1:8080/"));
            assertTrue(slackTexts.get(3).contains("opportunity long-perp/short-spot on " + second), slackTexts.get(3));
            // the receiver records a body before it answers: the sender counts it once the answer is in
            Await.await("8 sent", 10, () -> svc.stats().sent() == 8);
        }
    }

    @Test
    void aTelegramSinkPostsSendMessageWithTheChatAndTheTokenFromTheEnvironment() throws Exception {
        try (Receiver bot = Receiver.ok();
                AlertsService svc = start(journal.dir(), setup(RULES, "  - name: tg\n    format: telegram\n"
                        + "    url: " + bot.base() + "\n    chat-id: \"-100123\"\n"
                        + "    token-env: PERPSPOT_TEST_TELEGRAM_TOKEN\n"))) {
            Await.await("4 messages", 20, () -> bot.accepted().size() == 4);
            assertEquals("/bot123456:test-token/sendMessage", bot.paths().get(0));
            JsonNode n = JSON.readTree(bot.accepted().get(0));
            assertEquals("-100123", n.get("chat_id").asText());
            assertTrue(n.get("text").asText().contains("source hl-ws-mainnet down"), n.toString());
        }
    }

    @Test
    void aReceiverAnswering500Then200GetsTheAlertExactlyOnce() throws Exception {
        String sol = journal.tokens().get(0).symbol();
        String rules = "rules:\n  - name: edge\n    kind: opportunity\n    tokens: [" + sol + "]\n";
        try (Receiver flaky = new Receiver(n -> n == 0 ? 500 : 200);
                AlertsService svc = start(journal.dir(), setup(rules, sink("j", "json", flaky.url(), "")))) {
            SinkStats s = svc.stats().sinks().get(0);
            Await.await("one alert sent", 20, () -> s.sent() == 1);
            assertTrue(svc.awaitCaughtUp(20, TimeUnit.SECONDS));
            assertEquals(2, flaky.requests());
            assertEquals(1, flaky.accepted().size());
            assertEquals(1, s.retries());
            assertEquals(0, s.failed());
            JsonNode body = JSON.readTree(flaky.accepted().get(0));
            assertEquals(sol, body.get("token").asText());
            assertEquals("opportunity", body.get("kind").asText());
            assertTrue(body.get("numbers").get("net_bps").asDouble() >= 10, body.toString());
        }
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoOtherSink() throws Exception {
        try (Receiver dead = new Receiver(n -> 0); Receiver live = Receiver.ok()) {
            long t0 = System.nanoTime();
            try (AlertsService svc = start(journal.dir(), setup(RULES,
                    sink("dead", "json", dead.url(), "    timeout: 30s\n    retries: 0\n")
                            + sink("live", "slack", live.url(), "")))) {
                Await.await("the live sink gets all 4", 20, () -> live.accepted().size() == 4);
                double seconds = (System.nanoTime() - t0) / 1e9;
                // the dead sink holds its first request for its 30 s timeout; the live one must not wait for it
                assertTrue(seconds < 10, "live sink delivered after " + seconds + " s");
                Await.await("the dead sink holding its first request", 10, () -> dead.requests() == 1);
                assertEquals(0, svc.stats().sinks().get(0).sent());
                assertEquals(0, svc.stats().sinks().get(0).failed(), "still waiting for its answer");
            }
        }
    }

    @Test
    void aRestartSendsNothingTwiceAndSkipsNothingNew() throws Exception {
        Path dir = tmp.resolve("journal");
        SyntheticJournal j = SyntheticJournal.write(dir);
        try (Receiver r = Receiver.ok()) {
            AlertsSetup s = setup(RULES, sink("j", "json", r.url(), ""));
            try (AlertsService first = start(dir, s)) {
                Await.await("4 alerts", 20, () -> r.accepted().size() == 4);
            }
            try (AlertsService second = start(dir, s)) {
                assertTrue(second.awaitCaughtUp(20, TimeUnit.SECONDS));
                assertEquals(0, second.alerts(), "nothing old again");
                // the engine goes on: a new opportunity on the third token
                append(dir, 2, lastInput(dir), j.lastRecvNanos() + 1_000_000_000L, 1);
                Await.await("the new alert", 20, () -> r.accepted().size() == 5);
                assertTrue(r.accepted().get(4).contains("\"token\":\"" + j.tokens().get(2).symbol() + "\""),
                        r.accepted().get(4));
                assertEquals(1, second.alerts());
            }
            assertEquals(5, r.accepted().size());
        }
    }

    static long lastInput(Path dir) {
        try (JournalReader reader = JournalReader.open(dir)) {
            long[] last = {-1};
            reader.forEachInput(e -> {
                last[0] = e.journalIndex;
                return true;
            });
            return last[0];
        }
    }

    /** Appends {@code count} opportunities of a token, 100 ms of event time apart, as the engine's strategy would. */
    static void append(Path dir, int tokenId, long inputIndex, long fromNanos, int count) {
        try (Journal w = Journal.openForWrite(dir, "daily");
                OutputJournalSink out = new OutputJournalSink(w.output())) {
            OutputRecord rec = new OutputRecord();
            for (int i = 0; i < count; i++) {
                rec.reset();
                rec.type = OutputType.OPPORTUNITY;
                rec.tokenId = tokenId;
                rec.inputIndex = inputIndex;
                rec.timeNanos = fromNanos + i * 100_000_000L;
                rec.direction = OutputRecord.SHORT_PERP_LONG_SPOT;
                rec.netBps = 40 + i;
                rec.grossBps = 49 + i;
                rec.feesBps = 9;
                rec.z = 3.5;
                out.write(rec);
            }
        }
    }

    @Test
    void aStormOfMatchesIsCutByTheRateLimitAndCounted() throws Exception {
        Path dir = tmp.resolve("storm");
        SyntheticJournal j = SyntheticJournal.builder().tokens(1).seconds(2).write(dir);
        append(dir, 0, lastInput(dir), j.lastRecvNanos() + 1_000_000_000L, 50);
        String storm = "rules:\n  - name: every\n    kind: opportunity\n    cooldown: 0s\n";
        int fired = AlertsReplay.run(dir, setup(storm, "  []\n")).size();
        assertEquals(50, fired, "the storm: 50 matches within 5 s of event time");
        try (Receiver r = Receiver.ok();
                AlertsService svc = start(dir,
                        setup(storm, sink("j", "json", r.url(), "    per-minute: 3\n")))) {
            SinkStats s = svc.stats().sinks().get(0);
            Await.await("every match sent or dropped", 20, () -> s.sent() + s.dropped() == fired);
            assertEquals(3, s.sent());
            assertEquals(fired - 3, s.rateLimited());
            assertEquals(fired - 3, s.dropped());
            assertEquals(3, r.accepted().size());
        }
    }

    @Test
    void noDataFiresOncePerSilenceOfASource() {
        // hl-ws-mainnet is down from 20 s to 30 s of the journal (the perp side is on testnet meanwhile)
        String rules = "rules:\n  - name: quiet\n    kind: no-data\n    sources: [hl-ws-mainnet]\n    for: 5s\n";
        List<Alert> fired = AlertsReplay.run(journal.dir(), setup(rules, "  []\n"));
        assertEquals(1, fired.size(), fired.toString());
        Alert a = fired.get(0);
        assertEquals("no data from hl-ws-mainnet", a.what());
        double silent = (Double) a.numbers().get("silent_s");
        assertTrue(silent >= 5 && silent < 5.5, "silent " + silent);
        long at = a.timeNanos() - SyntheticJournal.START_NANOS;
        // its last data came in the last 250 ms step before 20 s: 5 s of silence end before 25 s
        assertTrue(at > 24_500_000_000L && at < 25_000_000_000L, "fired at " + at);
        String longer = rules.replace("for: 5s", "for: 15s");
        assertEquals(List.of(), AlertsReplay.run(journal.dir(), setup(longer, "  []\n")));
    }

    @Test
    void aFailoverWithForFiresOnlyWhenItLastsThatLong() {
        // 20 s: mainnet down, testnet up; 30 s: mainnet up again, testnet down (standby)
        String rules = "rules:\n  - name: long-failover\n    kind: failover\n    for: 5s\n";
        List<Alert> fired = AlertsReplay.run(journal.dir(), setup(rules, "  []\n"));
        assertEquals(List.of("source hl-ws-mainnet down", "failover: now on fallback source hl-ws-testnet"),
                fired.stream().map(Alert::what).toList());
        for (Alert a : fired) {
            long at = a.timeNanos() - SyntheticJournal.START_NANOS;
            assertTrue(at >= 25_000_000_000L && at < 25_300_000_000L, a + " at " + at);
            assertEquals(5.0, (Double) a.numbers().get("for_s"), 0.3);
        }
        String longer = rules.replace("for: 5s", "for: 15s");
        assertEquals(List.of(), AlertsReplay.run(journal.dir(), setup(longer, "  []\n")));
    }

    @Test
    void aPlannedStopOfAWatchedSourceIsNoFailover() {
        Path dir = tmp.resolve("planned");
        SyntheticJournal j = SyntheticJournal.builder().tokens(1).seconds(2).write(dir);
        long t = j.lastRecvNanos();
        try (Journal w = Journal.openForWrite(dir, "daily"); ExcerptAppender app = w.input().createAppender()) {
            MarketEvent e = new MarketEvent();
            status(app, e, Source.JUPITER_PRICE, SourceState.DOWN, SourceState.STOPPED_REASON + "requests=12", t + 1);
            status(app, e, Source.JUPITER_PRICE, SourceState.DOWN, "connection refused", t + 2);
        }
        String rules = "rules:\n  - name: down\n    kind: failover\n    down-sources: [jupiter-price]\n"
                + "    cooldown: 0s\n";
        List<Alert> fired = AlertsReplay.run(dir, setup(rules, "  []\n"));
        assertEquals(List.of("source jupiter-price down"), fired.stream().map(Alert::what).toList());
        assertEquals("connection refused", fired.get(0).numbers().get("reason"));
    }

    @Test
    void aCacheSwitchFiresWhenTheServingBackendChangesNotOnTheFirstChoice() {
        Path dir = tmp.resolve("cache");
        SyntheticJournal j = SyntheticJournal.builder().tokens(1).seconds(2).write(dir);
        long t = j.lastRecvNanos();
        try (Journal w = Journal.openForWrite(dir, "daily"); ExcerptAppender app = w.input().createAppender()) {
            MarketEvent e = new MarketEvent();
            status(app, e, Source.CACHE_REDIS, SourceState.UP, "redis://127.0.0.1:6379", t + 1);
            status(app, e, Source.CACHE_REDIS, SourceState.DOWN, "connection refused", t + 2);
            status(app, e, Source.CACHE_LOCAL, SourceState.UP, "fallback: redis down", t + 3);
            status(app, e, Source.CACHE_REDIS, SourceState.UP, "redis back", t + 4);
        }
        String rules = "rules:\n  - name: cache\n    kind: cache-switch\n    cooldown: 0s\n";
        List<Alert> fired = AlertsReplay.run(dir, setup(rules, "  []\n"));
        assertEquals(List.of("cache backend switched to cache-local", "cache backend switched to cache-redis"),
                fired.stream().map(Alert::what).toList());
        assertEquals("cache-redis", fired.get(0).numbers().get("from"));
        assertEquals(1, AlertsReplay.run(dir, setup(rules.replace("0s", "1m"), "  []\n")).size(), "cooldown");
    }

    private static void status(ExcerptAppender app, MarketEvent e, int source, int state, String why, long t) {
        e.reset();
        e.type = EventType.SOURCE_STATUS;
        e.source = source;
        e.status = state;
        e.recvNanos = t;
        e.setText(why);
        try (DocumentContext dc = app.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }

    @Test
    void aDiskRuleAlertsOnceWhenTheJournalsDiskHasLessRoomThanItsBound() throws Exception {
        String rules = "rules:\n  - name: disk\n    kind: disk\n    min-free: 1000000TB\n";
        try (Receiver r = Receiver.ok();
                AlertsService svc = start(journal.dir(), setup(rules, sink("j", "json", r.url(), "")))) {
            Await.await("the disk alert", 20, () -> r.accepted().size() == 1);
            JsonNode n = JSON.readTree(r.accepted().get(0));
            assertEquals("disk", n.get("kind").asText());
            assertEquals(journal.dir().toString(), n.get("source").asText());
            assertTrue(n.get("numbers").get("free_mb").asLong() < n.get("numbers").get("min_free_mb").asLong());
        }
        String roomy = "rules:\n  - name: disk\n    kind: disk\n    min-free: 0KB\n";
        try (Receiver r = Receiver.ok();
                AlertsService svc = start(journal.dir(), setup(roomy, sink("j", "json", r.url(), "")))) {
            assertTrue(svc.awaitCaughtUp(20, TimeUnit.SECONDS));
            assertEquals(0, svc.alerts());
        }
    }

    @Test
    void replayIsAFunctionOfTheJournal() {
        AlertsSetup s = setup(RULES, "  []\n");
        List<String> a = AlertsReplay.run(journal.dir(), s).stream().map(Alert::text).toList();
        List<String> b = AlertsReplay.run(journal.dir(), s).stream().map(Alert::text).toList();
        assertEquals(a, b);
        assertEquals(4, a.size());
    }

    @Test
    void theShippedFileLoadsWithNoSinksAndWebhooksAddJsonSinks() {
        AlertsSetup shipped = AlertsSetup.load(ConfigLoader.load(null, List.of()), null);
        assertEquals(0, shipped.file().sinks().size());
        assertEquals(2, shipped.file().rules().size());
        AlertsSetup hooks = AlertsSetup.load(ConfigLoader.load(null,
                List.of("alerts.webhooks=http://127.0.0.1:9/a,https://example.org/b")), null);
        assertEquals(List.of("json", "json"), hooks.file().sinks().stream().map(x -> x.format()).toList());
    }
}
