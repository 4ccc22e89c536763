package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.get;
import static io.perpspot.engine.feed.sim.SimTestSupport.json;
import static io.perpspot.engine.feed.sim.SimTestSupport.postJson;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.tokens.Token;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimVenuesTest {
    @Test
    void urlsPointAtLoopbackPorts() {
        try (SimVenues v = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"))) {
            assertTrue(v.wsUrl().matches("ws://127\\.0\\.0\\.1:\\d+/ws"), v.wsUrl());
            assertTrue(v.infoUrl().matches("http://127\\.0\\.0\\.1:\\d+/info"), v.infoUrl());
            assertTrue(v.priceUrl().matches("http://127\\.0\\.0\\.1:\\d+/price/v3"), v.priceUrl());
            assertTrue(v.quoteUrl().matches("http://127\\.0\\.0\\.1:\\d+/swap/v1/quote"), v.quoteUrl());
            assertTrue(v.tokensUrl().matches("http://127\\.0\\.0\\.1:\\d+/tokens/v2"), v.tokensUrl());
            assertEquals(5, v.market().universe().size());
        }
    }

    @Test
    void marketStepsOnTheSimLoop() {
        try (SimVenues v = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"))) {
            long first = v.market().steps();
            assertTrue(within(Duration.ofSeconds(3), () -> v.market().steps() > first + 3));
        }
    }

    @Test
    void bothVenuesQuoteTheSameMarket() {
        try (SimVenues v = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=10"))) {
            Token sol = v.market().token("SOL");
            double spot = json(get(v.priceUrl() + "?ids=" + sol.mint()).body()).get(sol.mint()).get("usdPrice")
                    .asDouble();
            double perp = Double.parseDouble(json(postJson(v.infoUrl(), "{\"type\":\"allMids\"}").body())
                    .get("SOL").asText());
            double basisBps = (perp - spot) / spot * 10_000;
            assertTrue(Math.abs(basisBps) < 200, "basis " + basisBps + " bps");
        }
    }

    @Test
    void closeReleasesPortsAndTheSimThread() {
        SimVenues v = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"));
        int hlPort = URI.create(v.infoUrl()).getPort();
        int jupPort = URI.create(v.priceUrl()).getPort();
        assertTrue(threadAlive("perpspot-sim"));
        v.close();
        for (int port : new int[] {hlPort, jupPort}) {
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            });
        }
        assertTrue(within(Duration.ofSeconds(3), () -> !threadAlive("perpspot-sim")), "sim thread stopped");
    }

    @Test
    void twoVenuesRunSideBySide() {
        try (SimVenues a = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"));
             SimVenues b = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=5"))) {
            assertFalse(a.wsUrl().equals(b.wsUrl()));
            assertEquals(200, postJson(b.infoUrl(), "{\"type\":\"meta\"}").statusCode());
        }
    }

    private static boolean threadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
