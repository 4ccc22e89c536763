package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.HTTP;
import static io.perpspot.engine.feed.sim.SimTestSupport.subscribe;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimHyperliquidFaultsTest {
    private SimVenues venues;

    @BeforeEach
    void start() {
        venues = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=10"));
    }

    @AfterEach
    void stop() {
        venues.close();
    }

    @Test
    void dropAllConnectionsClosesEverySocketWithoutCloseFrame() {
        try (WsProbe a = WsProbe.connectPastGreeting(HTTP, venues.wsUrl());
             WsProbe b = WsProbe.connectPastGreeting(HTTP, venues.wsUrl())) {
            a.send(subscribe("{\"type\":\"bbo\",\"coin\":\"BTC\"}"));
            a.next();
            venues.hyperliquid().dropAllConnections();
            a.assertDroppedWithoutCloseFrame(Duration.ofSeconds(2));
            b.assertDroppedWithoutCloseFrame(Duration.ofSeconds(2));
            assertTrue(within(Duration.ofSeconds(2), () -> venues.hyperliquid().openWebSockets() == 0));
            assertEquals(0, venues.hyperliquid().subscriptions());
        }
        try (WsProbe again = WsProbe.connectPastGreeting(HTTP, venues.wsUrl())) {
            assertTrue(again.isOpen(), "the server takes new connections after a drop");
        }
    }

    @Test
    void refusedConnectionsAreAcceptedThenClosed() {
        SimHyperliquidServer hl = venues.hyperliquid();
        hl.refuseConnections(true);
        long accepted = hl.connectionsAccepted();
        ExecutionException e = assertThrows(ExecutionException.class, () -> HTTP.newWebSocketBuilder()
                .buildAsync(URI.create(venues.wsUrl()), new WsProbe()).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException, "handshake fails: " + e.getCause());
        assertTrue(hl.connectionsAccepted() > accepted, "the TCP connection was accepted");
        hl.refuseConnections(false);
        try (WsProbe ws = WsProbe.connectPastGreeting(HTTP, venues.wsUrl())) {
            assertTrue(ws.isOpen());
        }
    }

    @Test
    void stallSilencesTheServerButKeepsSocketsOpen() {
        SimHyperliquidServer hl = venues.hyperliquid();
        try (WsProbe ws = WsProbe.connectPastGreeting(HTTP, venues.wsUrl())) {
            ws.send(subscribe("{\"type\":\"activeAssetCtx\",\"coin\":\"SOL\"}"));
            ws.next();
            hl.stall();
            ws.drain(Duration.ofMillis(150));
            ws.send("{\"method\":\"ping\"}");
            assertEquals(List.of(), ws.drain(Duration.ofMillis(400)), "nothing at all while stalled");
            assertTrue(ws.isOpen());
            hl.resume();
            ws.nextMatching(m -> m.startsWith("{\"channel\":\"activeAssetCtx\""));
        }
    }

    @Test
    void injectedTextReachesEveryClient() {
        try (WsProbe a = WsProbe.connectPastGreeting(HTTP, venues.wsUrl());
             WsProbe b = WsProbe.connectPastGreeting(HTTP, venues.wsUrl())) {
            assertTrue(within(Duration.ofSeconds(2), () -> venues.hyperliquid().openWebSockets() == 2));
            venues.hyperliquid().injectText("{\"channel\":\"l2Book\",\"data\":garbage");
            assertEquals("{\"channel\":\"l2Book\",\"data\":garbage", a.next());
            assertEquals("{\"channel\":\"l2Book\",\"data\":garbage", b.next());
        }
    }

    @Test
    void greetingCanBeTurnedOff() {
        venues.hyperliquid().greeting(false);
        try (WsProbe ws = WsProbe.connect(HTTP, venues.wsUrl())) {
            ws.send("{\"method\":\"ping\"}");
            assertEquals("{\"channel\":\"pong\"}", ws.next());
        }
    }
}
