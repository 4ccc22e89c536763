package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.rule.ModelInputs;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Templates;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testkit.Await;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that price a trade (slippage, opportunity passing a template) and the reject rate, on real synthetic
 * journals (token 0 perp rich from 45 s, token 1 perp cheap from 55 s): decided from journaled records only.
 */
class AlertsPricedRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutionParams EXECUTION = ExecutionParams.from(ConfigLoader.load(null, List.of()));

    @TempDir
    static Path shared;
    static SyntheticJournal journal;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeJournal() {
        journal = SyntheticJournal.write(shared.resolve("journal"));
    }

    private static AlertsSetup setup(String yaml, ModelInputs inputs) {
        return new AlertsSetup(AlertsFile.parse(yaml, "t.yaml", inputs), "t.yaml", "http://127.0.0.1:8080/");
    }

    private static List<Alert> replay(Path dir, String rules) {
        return AlertsReplay.run(dir, setup(rules, new ModelInputs(EXECUTION, AlertsPricedRulesTest::noTemplates)));
    }

    private static Templates noTemplates() {
        throw new AssertionError("the templates were read although no rule names one");
    }

    private static String slippage(double sizeUsd, double toleranceBps) {
        return "rules:\n  - name: slip\n    kind: slippage\n    size-usd: " + sizeUsd + "\n    tolerance-bps: "
                + toleranceBps + "\n";
    }

    @Test
    void slippageFiresWhenTheWorseLegAtTheSizeIsOverTheTolerance() {
        List<Alert> all = replay(journal.dir(), slippage(1000, 0));
        assertEquals(List.of(journal.tokens().get(0).symbol(), journal.tokens().get(1).symbol()),
                all.stream().map(Alert::token).toList(), "each opportunity's token, once in the cooldown");
        Alert a = all.get(0);
        assertEquals("slippage", a.kind());
        double worst = (Double) a.numbers().get("slippage_bps");
        double perp = (Double) a.numbers().get("perp_slippage_bps");
        double spot = (Double) a.numbers().get("spot_slippage_bps");
        assertEquals(Math.max(perp, spot), worst, 1e-9, "the worse leg decides: " + a.numbers());
        assertTrue(worst > 0 && worst < 500, a.text());
        assertEquals(List.of(), replay(journal.dir(), slippage(1000, Math.ceil(worst) + 1000)),
                "a tolerance over every slippage fires nothing");
        Alert big = replay(journal.dir(), slippage(25_000, 0)).get(0);
        Object bigWorst = big.numbers().get("slippage_bps");
        assertTrue(!(bigWorst instanceof Double d) || d > worst, "a larger size slips more: " + big.numbers());
        Alert beyond = replay(journal.dir(), slippage(1e9, 10_000)).get(0);
        assertEquals("beyond-depth", beyond.numbers().get("slippage_bps"),
                "a size beyond the journaled depth exceeds any tolerance: " + beyond.numbers());
    }

    @Test
    void aResumedServicePricesOnTheStateBeforeItsResumePoint() throws Exception {
        Path dir = tmp.resolve("journal");
        SyntheticJournal j = SyntheticJournal.write(dir);
        String sinks = "sinks:\n  - name: j\n    format: json\n    url: %s\n";
        try (Receiver r = Receiver.ok()) {
            AlertsSetup s = setup(sinks.formatted(r.url()) + slippage(1000, 0), null);
            try (AlertsService first = new AlertsService(dir, s, tmp.resolve("state"), true).start()) {
                Await.await("2 alerts", 20, () -> r.accepted().size() == 2);
            }
            // A fresh parse: its trade model knows only what the resume pass folds into it.
            AlertsSetup again = setup(sinks.formatted(r.url()) + slippage(1000, 0), null);
            try (AlertsService second = new AlertsService(dir, again, tmp.resolve("state"), true).start()) {
                assertTrue(second.awaitCaughtUp(20, TimeUnit.SECONDS));
                AlertsDeliveryTest.append(dir, 2, AlertsDeliveryTest.lastInput(dir),
                        j.lastRecvNanos() + 1_000_000_000L, 1);
                Await.await("the new alert, priced on the books folded before the resume point", 20,
                        () -> r.accepted().size() == 3);
            }
            JsonNode n = JSON.readTree(r.accepted().get(2));
            assertEquals(j.tokens().get(2).symbol(), n.get("token").asText());
            assertTrue(n.get("numbers").get("perp_slippage_bps").isNumber(), n.toString());
        }
    }

    private static ModelInputs templates(String yaml) {
        return new ModelInputs(EXECUTION, () -> Templates.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-templates.yaml"));
    }

    private static String template(String token, double minSpreadBps, String direction) {
        return "templates:\n  - name: T\n    token: " + token + "\n    notional-usd: 1000\n    max-latency: 2s\n"
                + "    min-spread-bps: " + minSpreadBps + "\n    funding-threshold-bps: 100\n    direction: "
                + direction + "\n    risk-multiplier: 1\n";
    }

    private static List<Alert> passing(String templatesYaml) {
        String rules = "rules:\n  - name: edge\n    kind: opportunity\n    template: T\n";
        return AlertsReplay.run(journal.dir(), setup(rules, templates(templatesYaml)));
    }

    @Test
    void anOpportunityRuleWithATemplateFiresOnlyOnWhatPassesTheTemplate() {
        String first = journal.tokens().get(0).hlCoin();
        String second = journal.tokens().get(1).hlCoin();
        List<Alert> any = passing(template(first, -10_000, "auto"));
        assertEquals(1, any.size(), "only the template's token: " + any);
        assertEquals("T", any.get(0).numbers().get("template"));
        assertTrue(any.get(0).numbers().get("executable_net_bps") instanceof Double, any.get(0).numbers().toString());
        assertEquals(List.of(), passing(template(first, 10_000, "auto")), "under the template's min spread");
        assertEquals(1, passing(template(second, -10_000, "long-perp")).size(), "token 1 goes long perp");
        assertEquals(List.of(), passing(template(second, -10_000, "short-perp")), "not the template's direction");
    }

    @Test
    void templatesAreReadOnlyWhenARuleNamesOneAndAnUnknownOneIsOneLine() {
        assertEquals(4, replay(journal.dir(), "rules:\n  - name: edge\n    kind: opportunity\n"
                + "  - name: failover\n    kind: failover\n").size(), "no template named: none read");
        String m = assertThrows(ConfigException.class, () -> AlertsFile.parse(
                "rules:\n  - name: edge\n    kind: opportunity\n    template: Nope\n", "t.yaml",
                templates(template("SOL", 0, "auto")))).getMessage();
        assertEquals("alerts: t.yaml: rule 'edge': template: unknown template 'Nope' (known: T)", m);
    }

    @Test
    void theRejectRateFiresWhenMoreRefusalsThanTheRateFallInAMinute() {
        // Spot older than 100 ms at every signal (a SpotPrice every 500 ms): the detector refuses them, stale-spot.
        Path dir = tmp.resolve("stale");
        SyntheticJournal.builder().set("strategy.max-spot-age=100ms").write(dir);
        List<Long> refused = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachOutput((r, i) -> {
                if (r.type == OutputType.OPPORTUNITY && r.rejectReason == OutputRecord.GATE_STALE_SPOT) {
                    refused.add(r.timeNanos);
                }
                return true;
            });
        }
        int n = refused.size();
        assertTrue(n >= 2 && refused.get(n - 1) - refused.get(0) < 60_000_000_000L, "refusals " + refused);
        String rule = "rules:\n  - name: rejects\n    kind: reject-rate\n    per-minute: %d\n";
        List<Alert> over = replay(dir, rule.formatted(n - 1));
        assertEquals(1, over.size(), "the n-th refusal within a minute is over n-1 a minute: " + over);
        assertEquals(refused.get(n - 1), over.get(0).timeNanos());
        assertEquals((long) n, over.get(0).numbers().get("refused_last_minute"));
        assertEquals((long) n, over.get(0).numbers().get("stale-spot"));
        assertEquals(List.of(), replay(dir, rule.formatted(n)), "n refusals are not over n a minute");
        assertEquals(List.of(), replay(dir, rule.formatted(0) + "    reasons: [stale-perp]\n"), "other reasons");
        assertEquals(List.of(), replay(journal.dir(), rule.formatted(0)), "the default journal refuses nothing");
    }
}
