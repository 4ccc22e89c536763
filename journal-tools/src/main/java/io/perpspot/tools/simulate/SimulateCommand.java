package io.perpspot.tools.simulate;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.MonteCarlo;
import io.perpspot.engine.exec.SimulationResult;
import io.perpspot.engine.exec.Simulator;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.TemplateLibrary;
import io.perpspot.engine.exec.Templates;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot simulate --token SOL --template "SOL Scalping"}: the executable basis, costs
 * and Monte Carlo of a template's trade on the latest market state in a journal. Reads the
 * journal (input queue), the configuration and the templates; writes a report to stdout.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate executing a template's basis trade on the latest market state in a journal:",
            "executable basis by size (L2 book walk, Jupiter quote ladder or impact model), fees, gas,",
            "funding carry and exit cost, then a seeded Monte Carlo of both legs' latency, price moves",
            "and one-leg fills: P&L distribution, VaR/CVaR, Sharpe, Sortino, probability of profit.",
            "Bad input ends with one line naming the option and exit code 2.",
            "Example: perpspot simulate --token SOL --template \"SOL Scalping\" --size 2500 --journal data/sim"})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--token", required = true, paramLabel = "COIN", description =
            "Hyperliquid coin or Solana symbol, e.g. SOL.")
    String token;

    @Option(names = "--template", required = true, paramLabel = "NAME", description =
            "Template name from the templates file.")
    String template;

    @Option(names = "--size", paramLabel = "USD", description = "Trade size in USD (default: the template's notional).")
    Double size;

    @Option(names = "--paths", paramLabel = "N",
            description = "Monte Carlo paths, 1 to 10,000,000 (default: execution.monte-carlo.paths).")
    Integer paths;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: execution.monte-carlo.seed).")
    Long seed;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "data/journal",
            description = "Journal to read the market state from (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--templates", paramLabel = "FILE",
            description = "Shipped templates file (default: config/templates.yaml of this installation); the user's"
                    + " (templates.user-file) is read with it.")
    Path templatesFile;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (size != null && !(size > 0 && size <= Template.MAX_NOTIONAL_USD)) {
            return UsageError.report(spec, "--size: must be a number of USD in (0, 1e9], got " + size);
        }
        if (paths != null && (paths < 1 || paths > MonteCarlo.MAX_PATHS)) {
            return UsageError.report(spec, "--paths: must be in [1, " + MonteCarlo.MAX_PATHS + "], got " + paths);
        }
        Config c = config.load();
        Templates templates = TemplateLibrary.load(c, templatesFile, journal);
        try {
            Template t = templates.get(template);
            Simulator sim = Simulator.fromConfig(c);
            MarketSnapshot m;
            try (JournalReader reader = JournalReader.open(journal)) {
                m = MarketState.latest(reader, token, t.pairCode());
            }
            if (!t.token().equals(m.symbol())) {
                return UsageError.report(spec, "--template: '" + t.name() + "' is for " + t.token() + ", not "
                        + m.symbol());
            }
            SimulationResult r = sim.run(t, m, size != null ? size : t.notionalUsd(),
                    paths != null ? paths : sim.params().paths(), seed != null ? seed : sim.params().seed());
            PrintWriter out = spec.commandLine().getOut();
            new SimulationReport(r, m, journal, sim.params()).print(out);
            out.flush();
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            boolean option = switch (e.parameter()) {
                case "size", "paths", "template", "token", "seed" -> true;
                default -> false;
            };
            return UsageError.report(spec, (option ? "--" : "") + e.getMessage());
        }
    }
}
