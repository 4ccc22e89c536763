package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.engine.cli.PerpspotCli;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad alerts files are one line naming the file, the rule or sink, and the field; the CLI exits with 2. */
class AlertsFileTest {
    @TempDir
    Path tmp;

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> AlertsFile.parse(yaml, "bad.yaml")).getMessage();
    }

    private static final String KINDS = "[opportunity, slippage, failover, no-data, cache-switch, disk, reject-rate]";

    @Test
    void anUnknownRuleKindNamesFileRuleAndField() {
        assertEquals("alerts: bad.yaml: rule 'x': kind: expected one of " + KINDS + ", got 'slipage'",
                error("rules:\n  - name: x\n    kind: slipage\n"));
    }

    @Test
    void anUnknownFieldNamesFileRuleAndField() {
        String m = error("rules:\n  - name: edge\n    kind: opportunity\n    min-net: 5\n");
        assertTrue(m.startsWith("alerts: bad.yaml: rule 'edge': min-net: unknown field"), m);
    }

    @Test
    void theSlippageAndRejectRateKindsRefuseUnknownFieldsAndValuesOnOneLine() {
        assertEquals("alerts: bad.yaml: rule 'slip': tolerance: unknown field (known: cooldown, kind, name, "
                + "size-usd, tokens, tolerance-bps)", error("rules:\n  - name: slip\n    kind: slippage\n"
                + "    tolerance: 50\n"));
        assertEquals("alerts: bad.yaml: rule 'slip': size-usd: expected a number in [1.0, 1.0E9], got '0'",
                error("rules:\n  - name: slip\n    kind: slippage\n    size-usd: 0\n"));
        assertEquals("alerts: bad.yaml: rule 'r': rate: unknown field (known: cooldown, kind, name, pairs, per-minute, "
                + "reasons)", error("rules:\n  - name: r\n    kind: reject-rate\n    rate: 5\n"));
        assertEquals("alerts: bad.yaml: rule 'r': reasons: expected some of [stale-spot, stale-perp, "
                + "fallback-source], got 'malformed-json'",
                error("rules:\n  - name: r\n    kind: reject-rate\n    reasons: [malformed-json]\n"));
        String m = error("rules:\n  - name: a\n    kind: disk\n    min-free: 1GB\n"
                + "  - name: a\n    kind: cache-switch\n");
        assertEquals("alerts: bad.yaml: rule 'a': name: another rule has this name", m);
    }

    @Test
    void anUnknownSinkFormatOrANonHttpUrlIsRefused() {
        String m = error("sinks:\n  - name: t\n    format: teams\n    url: https://x.org/\n");
        assertTrue(m.startsWith("alerts: bad.yaml: sink 't': format: expected one of"), m);
        m = error("sinks:\n  - name: f\n    format: json\n    url: file:///etc/passwd\n");
        assertEquals("alerts: bad.yaml: sink 'f': url: expected an http(s) URL, got 'file:///etc/passwd'", m);
    }

    @Test
    void aValueWithALineBreakIsEchoedOnTheOneLine() {
        assertEquals("alerts: bad.yaml: sink 'a': url: expected an http(s) URL, got 'ftp: //x'",
                error("sinks:\n  - {name: a, format: json, url: \"ftp:\\n//x\"}\n"));
    }

    @Test
    void aTelegramSinkNeedsItsTokenInTheEnvironment() {
        String m = error("sinks:\n  - name: tg\n    format: telegram\n    chat-id: 1\n"
                + "    token-env: PERPSPOT_TEST_NO_SUCH_VARIABLE\n");
        assertEquals("alerts: bad.yaml: sink 'tg': token-env: the bot token's environment variable "
                + "PERPSPOT_TEST_NO_SUCH_VARIABLE is not set", m);
    }

    @Test
    void theCommandExitsWith2AndOneLineOnABadFileOrWebhook() throws Exception {
        Path journal = tmp.resolve("j");
        SyntheticJournal.builder().tokens(1).seconds(2).write(journal);
        Path bad = Files.writeString(tmp.resolve("alerts.yaml"), "rules:\n  - name: x\n    kind: nope\n");
        String[] err = new String[1];
        assertEquals(2, run(err, "alerts", "--journal", journal, "--alerts", bad));
        assertEquals("perpspot: alerts: " + bad + ": rule 'x': kind: expected one of " + KINDS + ", got 'nope'",
                err[0].strip());
        Path unknownField = Files.writeString(tmp.resolve("field.yaml"),
                "rules:\n  - name: slip\n    kind: slippage\n    max-bps: 9\n");
        assertEquals(2, run(err, "alerts", "replay", journal, "--alerts", unknownField));
        assertTrue(err[0].strip().startsWith("perpspot: alerts: " + unknownField + ": rule 'slip': max-bps: unknown"),
                err[0]);
        assertEquals(1, err[0].strip().lines().count(), err[0]);
        assertEquals(2, run(err, "alerts", "replay", journal, "--set", "alerts.webhooks=ftp://x.org/"));
        assertEquals("perpspot: config: alerts.webhooks: expected an http(s) URL, got 'ftp://x.org/'", err[0].strip());
    }

    @Test
    void alertsTestSendsOneAlertToEachSinkAndSaysWhatEachAnswered() throws Exception {
        try (Receiver good = Receiver.ok(); Receiver gone = new Receiver(n -> 404)) {
            Path file = Files.writeString(tmp.resolve("sinks.yaml"), "sinks:\n"
                    + "  - name: desk\n    format: slack\n    url: " + good.url() + "\n"
                    + "  - name: old\n    format: discord\n    url: " + gone.url() + "\n");
            String[] out = new String[1];
            String[] err = new String[1];
            assertEquals(1, run(err, out, "alerts", "test", "--alerts", file));
            assertEquals("desk (slack): HTTP 200 (ok)\nold (discord): HTTP 404 (refused)\n", out[0]);
            assertEquals(1, good.accepted().size());
            assertTrue(good.accepted().get(0).contains("test alert"), good.accepted().get(0));
        }
    }

    private static int run(String[] err, Object... args) {
        return run(err, new String[1], args);
    }

    private static int run(String[] err, String[] out, Object... args) {
        StringWriter e = new StringWriter();
        StringWriter o = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        int code = cl.execute(a);
        err[0] = e.toString();
        out[0] = o.toString();
        return code;
    }
}
