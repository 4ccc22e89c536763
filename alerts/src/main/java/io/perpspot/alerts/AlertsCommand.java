package io.perpspot.alerts;

import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.SinkSpec;
import io.perpspot.alerts.sink.Dispatcher;
import io.perpspot.alerts.sink.SinkStats;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.metrics.MetricsServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perpspot alerts}: the alerts sidecar on its own, next to a running engine; {@code alerts replay}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        subcommands = {AlertsCommand.Replay.class, AlertsCommand.SendTest.class},
        description = {"Send alerts (config/alerts.yaml rules) from a journal to webhooks until Ctrl-C.",
            "Example: perpspot alerts --journal data/live --alerts my-alerts.yaml",
            "         perpspot alerts --journal data/live --set alerts.metrics-port=9465   (and its /metrics)",
            "         perpspot alerts replay data/sim   (what would fire; sends nothing)",
            "         perpspot alerts test              (a test alert to each sink)"})
public final class AlertsCommand implements Callable<Integer> {
    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory to read (may be live).")
    Path journal;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Resume point (default: DIR.alerts-state next to the journal directory).")
    Path state;

    @Option(names = "--from-start",
            description = "With no resume point yet, evaluate the journal from its start (default: from its end).")
    boolean fromStart;

    @Mixin
    AlertsOptions options;

    @Override
    public Integer call() throws Exception {
        if (journal == null) {
            throw new ConfigException("alerts: --journal DIR is required (or: alerts replay DIR)");
        }
        Config config = options.config();
        AlertsSetup setup = options.load(config);
        Journal.checkMarker(journal);
        List<SinkSpec> sinks = setup.file().sinks();
        if (sinks.isEmpty()) {
            System.out.println("perpspot alerts: no sink in " + setup.origin()
                    + " nor alerts.webhooks; nothing to send (add a sink, or --set alerts.webhooks=URL)");
            return 0;
        }
        Path stateFile = state != null ? state : ResumePoint.defaultFile(journal);
        AlertsService svc = new AlertsService(journal, setup, stateFile, fromStart).start();
        MetricsServer metrics;
        try {
            metrics = MetricsEndpoint.startIfEnabled(config, svc);
        } catch (ConfigException e) {
            svc.close();
            throw e;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (metrics != null) {
                metrics.close();
            }
            svc.close();
            for (SinkStats s : svc.stats().sinks()) {
                System.out.println("perpspot alerts: " + s);
            }
            stop.countDown();
        }, "alerts-shutdown"));
        System.out.println("perpspot alerts: " + setup.file().rules().size() + " rules, " + sinks.size()
                + " sinks from " + setup.origin() + "; journal " + journal.toAbsolutePath() + ", state " + stateFile
                + (metrics == null ? "" : ", metrics on port " + metrics.port()) + " (Ctrl-C to stop)");
        stop.await();
        return 0;
    }

    /** {@code perpspot alerts replay DIR}: what would have fired, one line each; sends nothing. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Print the alerts the rules would fire on a journal, from its start (sends nothing).",
                "Example: perpspot alerts replay data/sim --alerts config/alerts.yaml"})
    static final class Replay implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Journal directory.")
        Path dir;

        @Mixin
        AlertsOptions options;

        @Override
        public Integer call() {
            AlertsSetup setup = options.load();
            Journal.checkMarker(dir);
            List<Alert> fired = AlertsReplay.run(dir, setup);
            for (Alert a : fired) {
                System.out.println(a.text());
            }
            System.out.println(fired.size() + " alerts from " + setup.file().rules().size() + " rules ("
                    + setup.origin() + ")");
            return 0;
        }
    }

    /** {@code perpspot alerts test}: one test alert to each sink, and what each answered. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Send one test alert to each sink (alerts file and alerts.webhooks); print the answers.",
                "Exit code 1 when a sink did not answer 2xx. Example: perpspot alerts test --alerts my-alerts.yaml"})
    static final class SendTest implements Callable<Integer> {
        @Mixin
        AlertsOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AlertsSetup setup = options.load();
            if (setup.file().sinks().isEmpty()) {
                throw new ConfigException("alerts test: no sink in " + setup.origin() + " nor alerts.webhooks");
            }
            Alert a = new Alert("test", "test", "test alert (perpspot alerts test)", null, null, Map.of(),
                    System.currentTimeMillis() * 1_000_000L, setup.link());
            try (Dispatcher d = new Dispatcher(setup.file().sinks())) {
                List<String> answers = d.sendOnceToEach(a);
                answers.forEach(spec.commandLine().getOut()::println);
                return answers.stream().allMatch(s -> s.endsWith("(ok)")) ? 0 : 1;
            }
        }
    }
}
