package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.HTTP;
import static io.perpspot.engine.feed.sim.SimTestSupport.fieldNames;
import static io.perpspot.engine.feed.sim.SimTestSupport.json;
import static io.perpspot.engine.feed.sim.SimTestSupport.subscribe;
import static io.perpspot.engine.feed.sim.SimTestSupport.unsubscribe;
import static io.perpspot.engine.feed.sim.SimTestSupport.validPerpPrice;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimHyperliquidWsTest {
    private static final String BTC_BOOK = "{\"type\":\"l2Book\",\"coin\":\"BTC\"}";
    private static final String BTC_BOOK_ACKED =
            "{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":null,\"mantissa\":null,\"fast\":false}";
    private static SimVenues venues;

    @BeforeAll
    static void start() {
        venues = SimVenues.start(SimTestSupport.quickConfig());
    }

    @AfterAll
    static void stop() {
        venues.close();
    }

    /** Waits until sockets of earlier tests are gone, so counters hold only this test's doing. */
    private static void awaitNoSockets() {
        assertTrue(within(Duration.ofSeconds(3), () -> venues.hyperliquid().openWebSockets() == 0
                && venues.hyperliquid().subscriptions() == 0));
    }

    private static WsProbe connect() {
        return WsProbe.connectPastGreeting(HTTP, venues.wsUrl());
    }

    @Test
    void greetingArrivesRightAfterTheUpgrade() {
        try (WsProbe ws = WsProbe.connect(HTTP, venues.wsUrl())) {
            assertEquals("Websocket connection established.", ws.next());
        }
    }

    @Test
    void ackPrecedesFirstSnapshot() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe(BTC_BOOK));
            assertEquals("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\",\"subscription\":"
                    + BTC_BOOK_ACKED + "}}", ws.next());
            JsonNode book = json(ws.next());
            assertEquals("l2Book", book.get("channel").asText());
            JsonNode data = book.get("data");
            assertEquals(List.of("coin", "time", "levels"), fieldNames(data));
            assertEquals("BTC", data.get("coin").asText());
            assertEquals(20, data.get("levels").get(0).size());
            assertEquals(20, data.get("levels").get(1).size());
            JsonNode level = data.get("levels").get(0).get(0);
            assertEquals(List.of("px", "sz", "n"), fieldNames(level));
            assertTrue(level.get("px").isTextual() && level.get("sz").isTextual() && level.get("n").isInt());
            assertTrue(level.get("px").asText().endsWith(".0"), "BTC prices are whole: " + level.get("px"));
        }
    }

    @Test
    void fastBookCarriesFiveLevels() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"ETH\",\"fast\":true}"));
            assertTrue(ws.next().contains("\"fast\":true"));
            JsonNode levels = json(ws.next()).get("data").get("levels");
            assertEquals(5, levels.get(0).size());
            assertEquals(5, levels.get(1).size());
        }
    }

    @Test
    void booksArePushedWithOneSharedTimeAcrossCoins() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe(BTC_BOOK));
            ws.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"SOL\"}"));
            Map<Long, Set<String>> coinsByTime = new HashMap<>();
            for (String m : ws.drain(Duration.ofMillis(700))) {
                JsonNode n = json(m);
                if (n.get("channel").asText().equals("l2Book")) {
                    JsonNode d = n.get("data");
                    coinsByTime.computeIfAbsent(d.get("time").asLong(), t -> new HashSet<>())
                            .add(d.get("coin").asText());
                }
            }
            assertTrue(coinsByTime.values().stream().anyMatch(s -> s.size() == 2),
                    "some push carries both coins at one time: " + coinsByTime);
        }
    }

    @Test
    void bboPushesCarryAChangedTopOfBook() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"bbo\",\"coin\":\"SOL\"}"));
            assertEquals("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\",\"subscription\":"
                    + "{\"type\":\"bbo\",\"coin\":\"SOL\"}}}", ws.next());
            String previous = null;
            for (int i = 0; i < 4; i++) {
                JsonNode d = json(ws.next()).get("data");
                assertEquals(List.of("coin", "time", "bbo"), fieldNames(d));
                JsonNode bbo = d.get("bbo");
                assertTrue(new BigDecimal(bbo.get(0).get("px").asText())
                        .compareTo(new BigDecimal(bbo.get(1).get("px").asText())) < 0, "not crossed");
                String content = bbo.toString();
                if (previous != null && i > 1) {
                    assertNotEquals(previous, content, "a bbo push repeats only on change");
                }
                previous = content;
            }
        }
    }

    @Test
    void activeAssetCtxValuesAreStringsInWireOrder() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"activeAssetCtx\",\"coin\":\"BTC\"}"));
            ws.next();
            JsonNode d = json(ws.next()).get("data");
            assertEquals("BTC", d.get("coin").asText());
            JsonNode ctx = d.get("ctx");
            assertEquals(List.of("funding", "openInterest", "prevDayPx", "dayNtlVlm", "premium", "oraclePx", "markPx",
                    "midPx", "impactPxs", "dayBaseVlm"), fieldNames(ctx));
            for (String k : fieldNames(ctx)) {
                if (k.equals("impactPxs")) {
                    assertTrue(ctx.get(k).get(0).isTextual() && ctx.get(k).get(1).isTextual());
                } else {
                    assertTrue(ctx.get(k).isTextual(), k + " must be a string");
                }
            }
            String funding = ctx.get("funding").asText();
            assertTrue(funding.matches("-?\\d+\\.\\d{1,10}"), "funding " + funding);
            assertTrue(validPerpPrice(ctx.get("markPx").asText(), 5));
            assertTrue(validPerpPrice(ctx.get("oraclePx").asText(), 5));
        }
    }

    @Test
    void allMidsIncludesKeysTheEngineDoesNotTrack() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"allMids\"}"));
            assertEquals("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\",\"subscription\":"
                    + "{\"type\":\"allMids\"}}}", ws.next());
            JsonNode d = json(ws.next()).get("data");
            assertEquals(List.of("mids"), fieldNames(d));
            JsonNode mids = d.get("mids");
            for (String k : List.of("BTC", "SOL", "kBONK", "HYPE", "@107", "PURR/USDC", "#1230")) {
                assertTrue(mids.has(k), k);
                assertTrue(mids.get(k).isTextual());
            }
            assertFalse(mids.has("MATIC"), "delisted coins have no mid");
        }
    }

    @Test
    void delistedCoinPushesEmptyLevels() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"MATIC\"}"));
            assertTrue(ws.next().startsWith("{\"channel\":\"subscriptionResponse\""));
            String book = ws.next();
            assertTrue(book.startsWith("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"MATIC\",\"time\":"), book);
            assertTrue(book.endsWith(",\"levels\":[[],[]]}}"), book);
            assertTrue(ws.isOpen());
        }
    }

    @Test
    void duplicateSubscribeAnswersAlreadySubscribed() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe(BTC_BOOK));
            ws.next();
            ws.send(subscribe(BTC_BOOK_ACKED));
            String error = ws.nextMatching(m -> m.startsWith("{\"channel\":\"error\""));
            assertEquals("{\"channel\":\"error\",\"data\":\"Already subscribed: "
                    + BTC_BOOK_ACKED.replace("\"", "\\\"") + "\"}", error);
            assertTrue(ws.isOpen());
        }
    }

    @Test
    void unsubscribeAcksAndASecondOneAnswersAlreadyUnsubscribed() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe(BTC_BOOK));
            ws.next();
            ws.send(unsubscribe(BTC_BOOK));
            assertEquals("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"unsubscribe\",\"subscription\":"
                    + BTC_BOOK_ACKED + "}}", ws.nextMatching(m -> m.contains("\"method\":\"unsubscribe\"")));
            ws.send(unsubscribe(BTC_BOOK));
            assertEquals("{\"channel\":\"error\",\"data\":\"Already unsubscribed: "
                    + BTC_BOOK_ACKED.replace("\"", "\\\"") + "\"}", ws.nextMatching(m -> m.contains("error")));
            ws.send("{\"method\":\"ping\"}");
            assertEquals("{\"channel\":\"pong\"}", ws.nextMatching(m -> m.contains("pong")));
        }
    }

    @Test
    void pingAnswersPong() {
        try (WsProbe ws = connect()) {
            ws.send("{\"method\":\"ping\"}");
            assertEquals("{\"channel\":\"pong\"}", ws.next());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello",
        "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"bbo\",\"coin\":[\"BTC\",\"ETH\"]}}",
        "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"nope\",\"coin\":\"BTC\"}}",
        "{\"method\":\"subscribe\"}",
        "{\"method\":\"dance\"}",
        "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":\"5\"}}"})
    void unparseableRequestAnswersErrorAndKeepsTheSocket(String frame) {
        try (WsProbe ws = connect()) {
            ws.send(frame);
            JsonNode error = json(ws.next());
            assertEquals("error", error.get("channel").asText());
            assertEquals("Error parsing JSON into valid websocket request: " + frame, error.get("data").asText());
            ws.send("{\"method\":\"ping\"}");
            assertEquals("{\"channel\":\"pong\"}", ws.next());
        }
    }

    @Test
    void unknownCoinClosesSocketWithoutCloseFrame() {
        awaitNoSockets();
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"bbo\",\"coin\":\"SOL\"}"));
            ws.next();
            assertEquals(1, venues.hyperliquid().subscriptions());
            ws.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"NOPE\"}"));
            ws.assertDroppedWithoutCloseFrame(Duration.ofSeconds(2));
            assertTrue(ws.drain(Duration.ofMillis(50)).stream().noneMatch(m -> m.contains("NOPE")),
                    "no ack or error for the bad coin");
            assertTrue(within(Duration.ofSeconds(2), () -> venues.hyperliquid().subscriptions() == 0),
                    "the other subscription on the socket died with it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"l2Book\",\"coin\":\"btc\"}",
        "{\"type\":\"bbo\",\"coin\":\"xyz:BTC\"}",
        "{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":6}",
        "{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":1}",
        "{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":4,\"mantissa\":2}",
        "{\"type\":\"l2Book\",\"coin\":\"BTC\",\"mantissa\":5}",
        "{\"type\":\"allMids\",\"dex\":\"xyz\"}"})
    void unservableSubscriptionClosesSocketWithoutCloseFrame(String subscription) {
        try (WsProbe ws = connect()) {
            ws.send(subscribe(subscription));
            ws.assertDroppedWithoutCloseFrame(Duration.ofSeconds(2));
        }
    }

    @Test
    void aggregatedBookIsAckedWithItsParameters() {
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":5,\"mantissa\":2}"));
            assertTrue(ws.next().contains("{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":5,\"mantissa\":2,"
                    + "\"fast\":false}"));
            JsonNode bids = json(ws.next()).get("data").get("levels").get(0);
            for (JsonNode l : bids) {
                assertEquals(0, (long) Double.parseDouble(l.get("px").asText()) % 2, "BTC bucketed by 2: " + l);
            }
        }
    }

    @Test
    void postInfoRequestIsAnsweredOnTheSocket() {
        try (WsProbe ws = connect()) {
            ws.send("{\"method\":\"post\",\"id\":7,\"request\":{\"type\":\"info\",\"payload\":"
                    + "{\"type\":\"l2Book\",\"coin\":\"NOPE\"}}}");
            assertEquals("{\"channel\":\"post\",\"data\":{\"id\":7,\"response\":{\"type\":\"info\",\"payload\":"
                    + "{\"type\":\"l2Book\",\"data\":null}}}}", ws.next());
            ws.send("{\"method\":\"post\",\"id\":8,\"request\":{\"type\":\"info\",\"payload\":"
                    + "{\"type\":\"l2Book\",\"coin\":\"ETH\"}}}");
            JsonNode reply = json(ws.next()).get("data");
            assertEquals(8, reply.get("id").asInt());
            assertEquals("ETH", reply.get("response").get("payload").get("data").get("coin").asText());
        }
    }

    @Test
    void idleClientIsDroppedWithoutCloseFrameAndPingsKeepItAlive() {
        try (SimVenues own = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"))) {
            own.hyperliquid().idleTimeout(Duration.ofMillis(600));
            try (WsProbe silent = WsProbe.connectPastGreeting(HTTP, own.wsUrl());
                 WsProbe chatty = WsProbe.connectPastGreeting(HTTP, own.wsUrl())) {
                long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                while (System.nanoTime() < end) {
                    chatty.send("{\"method\":\"ping\"}");
                    chatty.drain(Duration.ofMillis(100));
                }
                silent.assertDroppedWithoutCloseFrame(Duration.ofSeconds(2));
                assertTrue(chatty.isOpen(), "a client that pings stays connected");
                assertEquals(0, silent.pings.get() + chatty.pings.get(), "the server never sends protocol pings");
            }
        }
    }

    @Test
    void countersFollowConnectionsSubscriptionsAndMessages() {
        awaitNoSockets();
        SimHyperliquidServer hl = venues.hyperliquid();
        long opened = hl.webSocketsOpened();
        long subscribes = hl.subscribeMessagesReceived();
        long messages = hl.messagesReceived();
        int subs = hl.subscriptions();
        try (WsProbe ws = connect()) {
            ws.send(subscribe("{\"type\":\"bbo\",\"coin\":\"ETH\"}"));
            ws.send(subscribe("{\"type\":\"activeAssetCtx\",\"coin\":\"ETH\"}"));
            ws.send("{\"method\":\"ping\"}");
            ws.nextMatching(m -> m.contains("pong"));
            assertEquals(opened + 1, hl.webSocketsOpened());
            assertEquals(subscribes + 2, hl.subscribeMessagesReceived());
            assertEquals(messages + 3, hl.messagesReceived());
            assertEquals(subs + 2, hl.subscriptions());
        }
        assertTrue(within(Duration.ofSeconds(2), () -> hl.subscriptions() == subs), "closing drops them");
    }
}
