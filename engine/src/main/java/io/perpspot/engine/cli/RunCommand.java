package io.perpspot.engine.cli;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.TemplateLibrary;
import io.perpspot.engine.exec.Templates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code perpspot run}: the engine on live or simulated feeds, journaling everything. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the engine: feeds -> ring -> journal -> strategy, until Ctrl-C, SIGTERM or --duration.",
            "--template NAME applies the template's detector thresholds (Template.strategyOverrides) to the",
            "configuration before the engine starts: they are journaled in EngineStart, so replay reproduces them.",
            "Example: perpspot run --feed sim --duration 60s --journal data/sim",
            "Example: perpspot run --feed sim --template \"SOL Scalping\""})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--feed", paramLabel = "live|sim|NAME", defaultValue = "live",
            description = "live: Hyperliquid + Jupiter over the internet; sim: built-in venues on loopback;"
                    + " another name: a venue set on the class path (default: ${DEFAULT-VALUE}).")
    String feed;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "data/journal",
            description = "Journal directory, created or continued (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--duration", paramLabel = "D",
            description = "Stop after this long, e.g. 60s or 5m (default: until Ctrl-C or SIGTERM).")
    String duration;

    @Option(names = "--no-dashboard", description = "Do not start the dashboard sidecar in this process.")
    boolean noDashboard;

    @Option(names = "--no-alerts", description = "Do not start the alerts sidecar in this process (the dashboard still"
            + " starts).")
    boolean noAlerts;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Drive the detector with this template's thresholds (explicit --set keys still win).")
    String template;

    @Option(names = "--templates", paramLabel = "FILE",
            description = "Shipped templates file (default: config/templates.yaml of this installation); the user's"
                    + " (templates.user-file) is read with it.")
    Path templatesFile;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Duration d = null;
        if (duration != null) {
            d = Durations.parse(duration);
            if (d == null || d.isZero()) {
                throw new ConfigException("run: --duration expects a positive duration like 60s or 5m, got '" + duration
                        + "'");
            }
        }
        Config c;
        if (template != null) {
            Templates all = TemplateLibrary.load(config.load(), templatesFile, journal);
            Template t;
            try {
                t = all.get(template);
            } catch (ExecutionException e) {
                throw new ConfigException("run: --" + e.getMessage());
            }
            c = config.loadUnder(t.strategyOverrides());
        } else {
            c = config.load();
        }
        return Engine.runToCompletion(options(c, d));
    }

    /** What to run: the sidecars on, but those a {@code --no-NAME} switch turns off (each its own only). */
    EngineOptions options(Config c, Duration d) {
        EngineOptions options = EngineOptions.of(c, journal).feed(feed).duration(d).dashboard(true)
                .metrics(true).configDir(config.configDir());
        if (noDashboard) {
            options = options.without("dashboard");
        }
        if (noAlerts) {
            options = options.without("alerts");
        }
        return options;
    }
}
