package io.perpspot.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.cli.PerpspotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shippedYamlAndDeclaredKeysAreTheSameSet() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("perpspot.home"), "config", "perpspot.yaml").toFile());
        List<String> inFile = new ArrayList<>();
        flatten(yaml, "", inFile);
        List<String> declared = new ArrayList<>();
        Settings.all().forEach(k -> declared.add(k.name()));
        assertEquals(declared.stream().sorted().toList(), inFile.stream().sorted().toList());
    }

    private static void flatten(JsonNode n, String prefix, List<String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else {
            out.add(prefix);
        }
    }

    @Test
    void defaultsMatchTheDocumentedValues() {
        Config c = ConfigLoader.defaults();
        assertEquals(List.of("wss://api.hyperliquid.xyz/ws", "wss://api.hyperliquid-testnet.xyz/ws"),
                c.get(Settings.HL_WS));
        assertEquals("https://api.jup.ag/price/v3", c.get(Settings.JUP_PRICE));
        assertEquals(4.5, c.get(Settings.FEE_HL_TAKER));
        assertEquals(2.0, c.get(Settings.ENTRY_MIN_Z));
        assertEquals(10.0, c.get(Settings.ENTRY_MIN_NET_BPS));
        assertEquals(Duration.ofSeconds(30), c.get(Settings.HL_PING_INTERVAL));
        assertEquals(0.5, c.get(Settings.JUP_RATE));
    }

    @Test
    void setOverridesOneKeyAndSplitsLists() {
        Config c = ConfigLoader.load(null, List.of("feeds.hyperliquid.ws=ws://127.0.0.1:1/ws, ws://127.0.0.1:2/ws",
                "strategy.zscore.window=300", "ring.wait-strategy=blocking"));
        assertEquals(List.of("ws://127.0.0.1:1/ws", "ws://127.0.0.1:2/ws"), c.get(Settings.HL_WS));
        assertEquals(300, c.get(Settings.Z_WINDOW));
        assertEquals("blocking", c.get(Settings.RING_WAIT));
    }

    @Test
    void userFileOverlaysTheDefaults() throws Exception {
        Path f = dir.resolve("my.yaml");
        Files.writeString(f, "strategy:\n  entry:\n    min-abs-z: 2.5\nfeeds:\n  jupiter:\n    rate: 2\n");
        Config c = ConfigLoader.load(f, List.of());
        assertEquals(2.5, c.get(Settings.ENTRY_MIN_Z));
        assertEquals(2.0, c.get(Settings.JUP_RATE));
        assertEquals(120, c.get(Settings.Z_WINDOW), "untouched keys keep their defaults");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "strategy.zscore.windw=5|unknown key 'strategy.zscore.windw'|did you mean 'strategy.zscore.window'",
        "strategy.zscore.window=abc|strategy.zscore.window|expected an integer",
        "strategy.zscore.window=-5|strategy.zscore.window|must be in [2, 100000]",
        "sim.tokens=0|sim.tokens|must be in [1, 700]",
        "tokens.max=0|tokens.max|must be in [1, 4096]",
        "strategy.zscore.sample-interval=-1s|strategy.zscore.sample-interval|expected a duration",
        "feeds.hyperliquid.ws=http://x/ws|feeds.hyperliquid.ws|wss URL, got 'http://x/ws'",
        "feeds.hyperliquid.ping-interval=90s|feeds.hyperliquid.ping-interval|must be in [1s, 50s]",
        "ring.size=1000|ring.size|power of two",
        "ring.wait-strategy=spin|ring.wait-strategy|one of",
        "tokens.discovery=yes|tokens.discovery|true or false",
        "strategy.zscore.min-samples=500|strategy.zscore.min-samples|must not exceed strategy.zscore.window",
        "novalue|--set expects key=value|novalue",
    })
    void badValuesStopWithOneLineNamingTheKey(String set, String mustContain1, String mustContain2) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(set)));
        assertTrue(e.getMessage().contains(mustContain1), e.getMessage());
        assertTrue(e.getMessage().contains(mustContain2), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void unknownKeyInAFileNamesTheKeyAndTheFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "strategy:\n  zscore:\n    windows: 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of()));
        assertTrue(e.getMessage().contains("strategy.zscore.windows"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void duplicateKeysAndBrokenYamlAreRefused() throws Exception {
        Path dup = dir.resolve("dup.yaml");
        Files.writeString(dup, "ring:\n  size: 64\n  size: 128\n");
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dup, List.of()));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "ring: [size: 64\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, List.of()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("missing.yaml"), List.of()));
    }

    @Test
    void cliExitsWithCode2AndOneLineForBadConfig() {
        StringWriter err = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--feed", "sim", "--set", "strategy.zscore.window=-5");
        assertEquals(2, code);
        String text = err.toString().trim();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("perpspot: config: strategy.zscore.window"), text);
    }
}
