package io.perpspot.alerts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.rule.Rule;
import io.perpspot.alerts.rule.SinkSpec;
import io.perpspot.engine.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link AlertsFile#parse} ({@code config/alerts.yaml}, {@code --alerts FILE}), seeded from
 * the shipped file and one with every rule kind and sink format. The only documented failure is a
 * {@link ConfigException} of one non-empty line (exit 2); anything else thrown is a finding. An accepted file has
 * unique rule and sink names, no negative cooldown, and only http(s) webhooks.
 */
class AlertsFileFuzzTest {
    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void parsesOrRefusesEveryAlertsFile(byte[] data) {
        AlertsFile f;
        try {
            f = AlertsFile.parse(new String(data, StandardCharsets.UTF_8), "alerts.yaml");
        } catch (ConfigException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.lines().count() != 1) {
                throw new AssertionError("not one line: " + m, e);
            }
            return;
        }
        Set<String> names = new HashSet<>();
        for (Rule r : f.rules()) {
            if (!names.add(r.name()) || r.cooldown().isNegative()) {
                throw new AssertionError("rule " + r.name());
            }
        }
        names.clear();
        for (SinkSpec s : f.sinks()) {
            if (!names.add(s.name()) || !s.url().startsWith("http")) {
                throw new AssertionError("sink " + s.name());
            }
        }
    }
}
