package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {
    private static final Path SHIPPED = Path.of(System.getProperty("perpspot.home"), "config", "templates.yaml");

    @TempDir
    Path dir;

    @Test
    void theJarCarriesTheShippedTemplatesForRunsWithoutAnInstallation() throws Exception {
        // loadDefault() falls back to this copy when neither perpspot.home nor PERPSPOT_HOME is set
        // (a run from the jars alone): it must be the shipped file, byte for byte.
        try (var in = Templates.class.getResourceAsStream(Templates.DEFAULTS_RESOURCE)) {
            assertTrue(in != null, Templates.DEFAULTS_RESOURCE + " is bundled");
            assertEquals(Files.readString(SHIPPED), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theShippedTemplatesLoadWithTheirValues() {
        Templates t = Templates.load(SHIPPED);
        assertEquals(List.of("SOL Scalping", "ETH Conservative", "BTC Large Size", "SOL Carry"),
                t.all().stream().map(Template::name).toList());
        Template sol = t.get("SOL Scalping");
        assertEquals("SOL", sol.token());
        assertEquals(1000, sol.notionalUsd());
        assertEquals(Duration.ofSeconds(2), sol.maxLatency());
        assertEquals(30, sol.minSpreadBps());
        assertEquals(DirectionPolicy.AUTO, sol.direction());
        assertEquals("perp-jupiter", sol.pair());
        assertEquals("perp-hlspot", t.get("SOL Carry").pair(), "the same-venue carry");
        Template eth = t.get("ETH Conservative");
        assertEquals(2000, eth.notionalUsd());
        assertEquals(Duration.ofSeconds(3), eth.maxLatency());
        assertEquals(50, eth.minSpreadBps());
        assertEquals(DirectionPolicy.LONG_PERP, eth.direction());
        Template btc = t.get("BTC Large Size");
        assertEquals(5000, btc.notionalUsd());
        assertEquals(Duration.ofSeconds(4), btc.maxLatency());
        assertEquals(40, btc.minSpreadBps());
        assertEquals(0.8, btc.riskMultiplier());
        // The copy bundled in the jar is the same file.
        assertEquals(t.all(), Templates.loadDefault().all());
    }

    @Test
    void unknownTemplateNamesTheParameterAndTheKnownOnes() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Templates.load(SHIPPED).get("SOL Scalp"));
        assertEquals("template", e.parameter());
        assertTrue(e.getMessage().contains("SOL Scalping"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "templates: [ {name: A, token: SOL |not valid YAML",
        "other: 1|expected a top-level 'templates:' list",
        "templates: {name: A}|must be a list",
        "templates: [ {name: A, token: SOL, notional-usd: 1, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto, risk-multiplier: 1, colour: red} ]|template 1 ('A'): unknown "
        + "field 'colour'",
        "templates: [ {name: A, token: SOL, notional-usd: 1, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto} ]|template 1 ('A'): risk-multiplier: missing",
        "templates: [ {name: A, token: SOL, notional-usd: -5, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto, risk-multiplier: 1} ]|template 1 ('A'): notional-usd: must be "
        + "in (0, 1e9], got '-5.0'",
        "templates: [ {name: A, token: SOL, notional-usd: lots, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto, risk-multiplier: 1} ]|notional-usd: expected a number, got "
        + "'lots'",
        "templates: [ {name: A, token: SOL, notional-usd: 1, max-latency: fast, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto, risk-multiplier: 1} ]|max-latency: expected a duration",
        "templates: [ {name: A, token: SOL, notional-usd: 1, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: sideways, risk-multiplier: 1} ]|direction: expected auto, short-perp "
        + "or long-perp, got 'sideways'",
        "templates: [ {name: A, token: SOL, notional-usd: 1, max-latency: 1s, min-spread-bps: 1, "
        + "funding-threshold-bps: 1, direction: auto, risk-multiplier: 1}, {name: A, token: ETH, notional-usd: 1, "
        + "max-latency: 1s, min-spread-bps: 1, funding-threshold-bps: 1, direction: auto, risk-multiplier: 1} "
        + "]|template 2 ('A'): name: duplicate template name 'A'",
    })
    void anInvalidFileFailsWithOneLineNamingFileTemplateAndField(String yaml, String mustContain) throws Exception {
        Path f = dir.resolve("templates.yaml");
        Files.writeString(f, yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> Templates.load(f));
        assertTrue(e.getMessage().startsWith("templates: " + f), e.getMessage());
        assertTrue(e.getMessage().contains(mustContain), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void userTemplatesAreAddedRemovedAndSavedInTheSameFile() {
        Templates t = Templates.load(SHIPPED);
        Template mine = new Template("My kBONK", "kBONK", 250, Duration.ofMillis(1500), 60, 1,
                DirectionPolicy.SHORT_PERP, 2, null);
        Path f = dir.resolve("templates.yaml");
        t.with(mine).without("ETH Conservative").write(f);
        Templates back = Templates.load(f);
        assertEquals(List.of("SOL Scalping", "BTC Large Size", "SOL Carry", "My kBONK"),
                back.all().stream().map(Template::name).toList());
        assertEquals(mine, back.get("My kBONK"));
        assertNull(back.get("My kBONK").holdingHorizon());
        assertEquals(t.get("SOL Scalping"), back.get("SOL Scalping"));
        assertEquals(List.of(mine), back.forToken("kBONK"));
    }

    @Test
    void aTemplateDrivesTheDetectorThreshold() {
        Template eth = Templates.load(SHIPPED).get("ETH Conservative");
        Config c = ConfigLoader.load(null, eth.strategyOverrides());
        assertEquals(50.0, c.get(Settings.ENTRY_MIN_NET_BPS));
    }

    @Test
    void theCheckAppliesMinSpreadFundingAndDirection() {
        ExecutionModel model = new ExecutionModel(TestParams.defaults());
        MarketSnapshot m = Markets.dydxSnapshot("2.10", "0.0002");
        ExecutionEstimate e = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, 1000, 1);
        Template loose = new Template("t", "DYDX", 1000, Duration.ofSeconds(2), -10_000, 0, DirectionPolicy.AUTO, 1,
                null);
        assertTrue(loose.check(e).pass(), loose.check(e).reasons().toString());
        Template strict = new Template("t", "DYDX", 1000, Duration.ofSeconds(2), e.netEdgeBps() + 1, 0,
                DirectionPolicy.LONG_PERP, 1, null);
        List<String> why = strict.check(e).reasons();
        assertEquals(2, why.size(), why.toString());
        assertTrue(why.get(0).startsWith("net edge"), why.toString());
        assertTrue(why.get(1).contains("not allowed"), why.toString());
        ExecutionEstimate paying = model.estimate(m, Direction.LONG_PERP_SHORT_SPOT, 1000, 1);
        assertTrue(loose.check(paying).reasons().get(0).contains("funding costs 2.000 bps/h"),
                loose.check(paying).toString());
    }
}
