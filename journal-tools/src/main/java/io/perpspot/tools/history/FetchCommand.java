package io.perpspot.tools.history;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.command.UsageError;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot history fetch --token SYM --from T --to T --out DIR [--url URL] [--interval 1m]}:
 * Hyperliquid {@code candleSnapshot} and {@code fundingHistory}, paginated
 * ({@link HyperliquidHistory}), written as a journal: each candle's close as a PerpMid at the
 * candle's close time, each funding settlement as a PerpCtx (funding, premium). Answers of 429
 * are waited out ({@code Retry-After}, else {@code feeds.backoff}) a bounded number of times.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Fetch Hyperliquid candleSnapshot and fundingHistory (paginated) into a new journal:",
            "candle closes as PerpMid, hourly funding as PerpCtx, source 'import'. Spot prices are not part",
            "of Hyperliquid's history: add them with 'journal import' (same --out is refused; import both",
            "into one file set instead) or backtest funding alone.",
            "Example: perpspot history fetch --token SOL --from 2025-01-01 --to 2025-01-08 --out data/sol-hist"})
public final class FetchCommand implements Callable<Integer> {
    @Option(names = "--token", required = true, paramLabel = "COIN", description =
            "Hyperliquid coin, e.g. SOL or kBONK.")
    String token;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start (ISO-8601, date or epoch ms).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End (ISO-8601, date or epoch ms).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description =
            "New journal directory (missing or empty).")
    Path out;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "https://api.hyperliquid.xyz/info",
            description = "Hyperliquid info endpoint (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--interval", paramLabel = "I", defaultValue = "1m",
            description = "Candle interval: 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d (default: ${DEFAULT-VALUE}).")
    String interval;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long fromMs;
        long toMs;
        try {
            fromMs = BacktestRun.parseTime("--from", from) / 1_000_000;
            toMs = BacktestRun.parseTime("--to", to) / 1_000_000;
        } catch (IllegalArgumentException e) {
            return UsageError.report(spec, e.getMessage());
        }
        if (toMs <= fromMs) {
            return UsageError.report(spec, "--to: must be after --from");
        }
        if (toMs > System.currentTimeMillis() + 86_400_000L) {
            return UsageError.report(spec, "--to: " + to + " is in the future");
        }
        long intervalMs = HyperliquidHistory.intervalMs(interval);
        if (intervalMs <= 0) {
            return UsageError.report(spec, "--interval: expected 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h or 1d, got '"
                    + interval + "'");
        }
        URI uri;
        try {
            uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            return UsageError.report(spec, "--url: expected an http(s) URL, got '" + url + "'");
        }
        if (!HistoryJournal.usable(out)) {
            return UsageError.report(spec, "--out: " + out + " exists and is not an empty directory");
        }
        var cfg = config.load();
        HyperliquidHistory h = new HyperliquidHistory(uri, Backoff.Bounds.from(cfg));
        List<Tick> ticks = new ArrayList<>();
        try {
            h.candles(token, interval, intervalMs, fromMs, toMs, ticks);
            h.funding(token, fromMs, toMs, ticks);
        } catch (HyperliquidHistory.FetchException e) {
            return UsageError.report(spec, "history fetch: " + e.getMessage());
        }
        if (ticks.isEmpty()) {
            return UsageError.report(spec, "history fetch: Hyperliquid returned no candles and no funding for " + token
                    + " between " + from + " and " + to);
        }
        HistoryJournal.write(out, cfg, ticks);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "history fetch: %s: %,d candles (%d requests), %,d funding rows (%d requests)%s -> %s%n",
                token, h.candleRows(), h.candleRequests(), h.fundingRows(), h.fundingRequests(),
                h.rateLimited() == 0 ? "" : ", " + h.rateLimited() + " rate-limited (429) answers waited out", out);
        o.flush();
        return ExitCodes.OK;
    }
}
