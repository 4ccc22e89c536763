package io.perpspot.engine.app;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpspot run --feed live} on a machine without network, as a child process: every
 * endpoint is a closed loopback port. The engine keeps retrying, journals and logs every source
 * as down with its reason, and stops cleanly on SIGTERM (summary printed, journal readable).
 */
class LiveRunWithoutNetworkTest {
    @TempDir
    Path tmp;


    @Test
    void keepsRetryingReportsEverySourceDownAndExitsCleanlyOnSigterm() throws Exception {
        String dead = "127.0.0.1:" + Ports.freeLoopbackPort();
        Path journal = tmp.resolve("journal");
        Path log = tmp.resolve("run.log");
        Path jvmArgs = Paths.get("..", "config", "jvm.args").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jvmArgs), "JVM flags file " + jvmArgs);
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.perpspot.engine.cli.PerpspotCli", "run", "--feed", "live", "--journal", journal.toString()));
        for (String set : List.of("feeds.hyperliquid.ws=ws://" + dead + "/ws,ws://" + dead + "/ws2",
                "feeds.hyperliquid.rest=http://" + dead + "/info", "feeds.jupiter.price=http://" + dead + "/price/v3",
                "feeds.jupiter.quote=http://" + dead + "/swap/v1/quote", "feeds.jupiter.tokens=http://" + dead + "/tokens/v2",
                "feeds.fallback.coingecko=http://" + dead + "/api/v3/simple/price",
                "feeds.fallback.kraken=http://" + dead + "/0/public/Ticker", "feeds.backoff.initial=50ms",
                "feeds.backoff.max=300ms", "feeds.http-timeout=1s", "feeds.fallback.poll-interval=200ms",
                "feeds.hyperliquid.connect-timeout=1s")) {
            cmd.add("--set");
            cmd.add(set);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            List<String> sources = List.of("hl-ws-mainnet", "hl-ws-testnet", "hl-rest", "coingecko", "kraken",
                    "jupiter-price");
            await("every source reported down in the log: " + tail(log), 60, () -> {
                String text = read(log);
                return sources.stream().allMatch(s -> text.contains(s + " is down: "));
            });
            String text = read(log);
            assertTrue(p.isAlive(), "still running and retrying with every source down");
            assertTrue(text.contains("connect failed") || text.contains("Connect"), text);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        int exit = p.exitValue();
        String text = read(log);
        assertTrue(exit == 0 || exit == 143, "exit code " + exit + "\n" + text);
        assertTrue(text.contains("perpspot run stopped after"), "summary printed on SIGTERM:\n" + text);
        assertTrue(!text.contains("Exception in thread"), text);

        Map<Integer, String> down = new HashMap<>();
        try (JournalReader r = JournalReader.open(journal)) {
            r.forEachInput(e -> {
                if (e.type == EventType.SOURCE_STATUS && e.status == SourceState.DOWN) {
                    down.putIfAbsent(e.source, e.textString());
                }
                return true;
            });
        }
        for (int s : new int[] {Source.HL_WS_MAINNET, Source.HL_WS_TESTNET, Source.HL_REST, Source.COINGECKO,
                Source.KRAKEN, Source.JUPITER_PRICE}) {
            assertTrue(down.containsKey(s) && !down.get(s).isBlank(),
                    Source.name(s) + " journaled down with a reason: " + down);
        }
        assertEquals(false, down.get(Source.HL_WS_MAINNET).startsWith("standby"), down.toString());
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path p) {
        String t = read(p);
        return t.length() > 3000 ? t.substring(t.length() - 3000) : t;
    }

}
