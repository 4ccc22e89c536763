package io.perpspot.alerts;

import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.rule.ModelInputs;
import io.perpspot.alerts.rule.SinkSpec;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts file in force (an explicit one, {@code alerts.file}, {@code $PERPSPOT_HOME/config/alerts.yaml}, or the
 * copy in the jar) with the sinks of {@code alerts.webhooks} added, and the dashboard link the alerts carry.
 *
 * @param file the parsed file, with the webhook sinks appended
 * @param origin where the file came from, for the log
 * @param link the dashboard address alerts carry
 */
public record AlertsSetup(AlertsFile file, String origin, String link) {
    static final String BUNDLED = "/perpspot-defaults/alerts.yaml";

    /** Loads the setup; {@code explicit} (from {@code --alerts}) wins over {@code alerts.file}. */
    public static AlertsSetup load(Config config, Path explicit) {
        String text;
        String origin;
        Path p = explicit;
        if (p == null && !config.get(Settings.ALERTS_FILE).isBlank()) {
            p = Path.of(config.get(Settings.ALERTS_FILE));
        }
        if (p == null) {
            String home = System.getProperty("perpspot.home", System.getenv("PERPSPOT_HOME"));
            Path shipped = home == null ? null : Path.of(home, "config", "alerts.yaml");
            if (shipped != null && Files.isRegularFile(shipped)) {
                p = shipped;
            }
        }
        if (p != null) {
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("alerts: cannot read " + p + ": " + e.getMessage());
            }
            origin = p.toString();
        } else {
            text = bundled();
            origin = "built-in alerts.yaml";
        }
        // Templates are read only if a rule names one: a plain run does not depend on templates.yaml.
        ModelInputs inputs = new ModelInputs(ExecutionParams.from(config), Templates::loadDefault);
        AlertsFile f = AlertsFile.parse(text, origin, inputs);
        List<SinkSpec> sinks = new ArrayList<>(f.sinks());
        int i = 0;
        for (String url : config.get(Settings.ALERTS_WEBHOOKS).split(",")) {
            if (!url.isBlank()) {
                sinks.add(SinkSpec.json("webhook-" + ++i, AlertsFile.checkUrl(url.trim(), "config: alerts.webhooks")));
            }
        }
        String link = f.dashboardUrl() != null ? f.dashboardUrl()
                : "http://" + config.get(Settings.DASHBOARD_HOST) + ":" + config.get(Settings.DASHBOARD_PORT) + "/";
        return new AlertsSetup(new AlertsFile(f.rules(), sinks, f.dashboardUrl()), origin, link);
    }

    private static String bundled() {
        try (InputStream in = AlertsSetup.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ConfigException("alerts: the bundled " + BUNDLED + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("alerts: cannot read the bundled alerts.yaml: " + e.getMessage());
        }
    }
}
