package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.rule.ModelInputs;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Templates;
import io.perpspot.engine.testkit.PairsJournal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on a journal whose strategy derived opportunities of all three venue pairs ({@link PairsJournal}:
 * perp-hlspot and hlspot-jupiter at 30 s and 35 s, perp-jupiter at 55 s and 60 s, two hlspot-jupiter refusals,
 * stale-perp, at 55 s and 60 s): each alert names its pair and its legs, and no pair is taken for perp-jupiter.
 */
class AlertsPairsTest {
    @TempDir
    static Path tmp;
    static PairsJournal journal;

    @BeforeAll
    static void write() {
        journal = PairsJournal.write(tmp.resolve("j"));
    }

    private static List<Alert> replay(String rules) {
        return AlertsReplay.run(journal.dir, new AlertsSetup(AlertsFile.parse(rules, "t.yaml"), "t.yaml",
                "http://127.0.0.1:8080/"));
    }

    /** Alerts of an opportunity rule with template T: SOL, any edge, on {@code pair}. */
    private static List<Alert> passing(String pair) {
        String templates = "templates:\n  - name: T\n    token: SOL\n    notional-usd: 100\n    max-latency: 2s\n"
                + "    min-spread-bps: -10000\n    funding-threshold-bps: 100\n    direction: auto\n"
                + "    risk-multiplier: 1\n    pair: " + pair + "\n";
        ModelInputs inputs = new ModelInputs(ExecutionParams.from(ConfigLoader.load(null, List.of())),
                () -> Templates.parse(new ByteArrayInputStream(templates.getBytes(StandardCharsets.UTF_8)), "t"));
        String rules = "rules:\n  - name: edge\n    kind: opportunity\n    cooldown: 1s\n    template: T\n";
        return AlertsReplay.run(journal.dir, new AlertsSetup(AlertsFile.parse(rules, "t.yaml", inputs), "t.yaml",
                "http://127.0.0.1:8080/"));
    }

    @Test
    void aTemplateRulePassesTheOpportunitiesOfItsOwnPairPricedOnItsLegs() {
        for (String pair : List.of("perp-jupiter", "perp-hlspot", "hlspot-jupiter")) {
            List<Alert> alerts = passing(pair);
            assertEquals(2, alerts.size(), pair + ": its two opportunities, 5 s apart: " + alerts);
            for (Alert a : alerts) {
                assertEquals(pair, a.numbers().get("pair"), a.toString());
                assertTrue(a.numbers().get("executable_net_bps") instanceof Double, a.numbers().toString());
            }
        }
    }

    @Test
    void anOpportunityAlertNamesItsPairAndItsLegsAndEachPairHasItsOwnCooldown() {
        List<Alert> all = replay("rules:\n  - name: edge\n    kind: opportunity\n    cooldown: 5m\n");
        assertEquals(List.of("opportunity short-perp/long-hlspot on SOL (perp-hlspot)",
                "opportunity long-hlspot/short-jupiter on SOL (hlspot-jupiter)",
                "opportunity short-perp/long-spot on SOL (perp-jupiter)"), all.stream().map(Alert::what).toList(),
                "the second of each pair (5 s later) is within its cooldown");
        Map<String, Object> hl = all.get(0).numbers();
        assertEquals(List.of("net_bps", "gross_bps", "fees_bps", "z", "basis_bps", "hlspot_px", "perp_px", "pair"),
                List.copyOf(hl.keySet()));
        assertEquals(99.205, hl.get("hlspot_px"), "leg B: the Hyperliquid spot ask bought");
        assertEquals(99.995, hl.get("perp_px"), "leg A: the perp bid sold");
        assertEquals(23.0, hl.get("fees_bps"));
        Map<String, Object> cross = all.get(1).numbers();
        assertEquals(List.of("net_bps", "gross_bps", "fees_bps", "z", "basis_bps", "jupiter_px", "hlspot_px", "pair"),
                List.copyOf(cross.keySet()), "no perp_px: leg A is Hyperliquid spot");
        assertEquals(99.205, cross.get("hlspot_px"));
        assertEquals(100.01, cross.get("jupiter_px"));
        assertEquals(19.0, cross.get("fees_bps"), "2 x 7 taker + 5 transfer");
        assertTrue(all.get(2).text().startsWith("perpspot [edge] opportunity short-perp/long-spot on SOL "
                + "(perp-jupiter): net_bps 71.14, gross_bps 80.14, fees_bps 9, z 79.9, basis_bps 80.65, spot_px 99.2, "
                + "perp_px 99.995 at 2025-01-15T12:00:55.001Z"), all.get(2).text());
    }

    @Test
    void pairsNarrowARuleAndAnUnknownPairIsOneLine() {
        List<Alert> same = replay("rules:\n  - name: edge\n    kind: opportunity\n    pairs: [perp-hlspot]\n"
                + "    cooldown: 1s\n");
        assertEquals(List.of("opportunity short-perp/long-hlspot on SOL (perp-hlspot)",
                "opportunity short-perp/long-hlspot on SOL (perp-hlspot)"), same.stream().map(Alert::what).toList());
        String m = assertThrows(ConfigException.class, () -> AlertsFile.parse("rules:\n  - kind: opportunity\n"
                + "    pairs: [perp-cex]\n", "bad.yaml")).getMessage();
        assertEquals("alerts: bad.yaml: rule #1: pairs: expected some of [perp-jupiter, perp-hlspot, "
                + "hlspot-jupiter], got 'perp-cex'", m);
    }

    @Test
    void slippageIsPricedOnPerpJupiterOpportunitiesOnly() {
        // A tolerance of 0 fires on every opportunity it prices: only perp-jupiter's, whose legs the model knows.
        List<Alert> all = replay("rules:\n  - name: slip\n    kind: slippage\n    size-usd: 1000\n"
                + "    tolerance-bps: 0\n    cooldown: 1s\n");
        assertEquals(List.of("slippage over tolerance on SOL short-perp/long-spot (perp-jupiter)",
                "slippage over tolerance on SOL short-perp/long-spot (perp-jupiter)"),
                all.stream().map(Alert::what).toList());
    }

    @Test
    void theRejectRateCountsRefusalsByReasonAndPair() {
        List<Alert> all = replay("rules:\n  - name: refusals\n    kind: reject-rate\n    per-minute: 1\n");
        assertEquals(1, all.size(), all.toString());
        assertEquals(Map.of("refused_last_minute", 2L, "limit_per_minute", 1.0, "stale-perp", 2L, "hlspot-jupiter", 2L),
                all.get(0).numbers());
        assertEquals(List.of(), replay("rules:\n  - name: refusals\n    kind: reject-rate\n    per-minute: 1\n"
                + "    pairs: [perp-jupiter, perp-hlspot]\n"), "the refusals are hlspot-jupiter's");
    }
}
