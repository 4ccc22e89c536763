package io.perpspot.dashboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.push.PushHub;
import io.perpspot.dashboard.push.Subscription;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.dashboard.seam.SimulationService;
import io.perpspot.dashboard.state.EngineFold;
import io.perpspot.dashboard.state.Folds;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.dashboard.state.Opportunity;
import io.perpspot.dashboard.state.TokenRow;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.SlippageBand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The JSON API (documented with examples in the README). Read-only over the {@link MarketView}
 * and the journal; simulations and latency come from the engine through {@link DashboardServices}.
 * 503 only where something is genuinely not there yet (no market state for a token).
 *
 * <p>Over a fleet of engines ({@link Folds#isFleet()}) {@code /api/tokens} lists every engine's rows, each naming
 * its engine and shard, {@code /api/health} lists the engines, and every other route answers from one engine's
 * fold: {@code ?engine=ID}, else the engine holding the token asked about ({@link FoldPicker}).
 */
public final class ApiRoutes {
    static final int MAX_HISTORY_POINTS = 10_000;
    static final int MAX_OPPORTUNITIES = 5_000;
    static final double MAX_SIZE_USD = 10_000_000;
    private static final Bands BANDS = new Bands(SlippageBand.GREEN_MAX_BPS, SlippageBand.ORANGE_MAX_BPS);
    private static final Unavailable RING = new Unavailable(false,
            "ring figures are not journaled; they appear in the engine's log and run summary");
    private static final Set<String> SIMULATE_FIELDS = Set.of("template", "token", "sizeUsd", "paths", "seed", "from",
            "to");

    private final Folds folds;
    private final FoldPicker picker;
    private final PushHub hub;
    private final DashboardServices services;
    private final DashboardSettings settings;
    private final Path journal;
    private final RateLimiter simulateLimiter;
    private final Semaphore simulating = new Semaphore(2);

    /** The API over {@code folds}; {@code journal} is the journal (or a fleet's copies' directory) /api/meta names. */
    public ApiRoutes(Folds folds, PushHub hub, DashboardServices services, DashboardSettings settings, Path journal) {
        this.folds = folds;
        this.picker = new FoldPicker(folds);
        this.hub = hub;
        this.services = services;
        this.settings = settings;
        this.journal = journal;
        this.simulateLimiter = new RateLimiter(settings.simulatePerMinute());
    }

    /** Registers every {@code /api} route, and a 404 naming the path for any other under it. */
    public void register(RoutesConfig r) {
        r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        r.get("/api/meta", ctx -> json(ctx, meta()));
        r.get("/api/tokens", ctx -> {
            List<TokenRow> rows = folds.rows();
            json(ctx, new TokensAnswer(rows.size(), folds.caughtUp(), rows));
        });
        r.get("/api/tokens/{symbol}", ctx -> json(ctx, known(ctx, ctx.pathParam("symbol")).row()));
        r.get("/api/tokens/{symbol}/history", this::history);
        r.get("/api/tokens/{symbol}/slippage", this::slippage);
        r.get("/api/opportunities", this::opportunities);
        r.get("/api/funding", ctx -> {
            String token = ctx.queryParam("token");
            EngineFold f = token != null ? known(ctx, token).fold() : picker.pick(ctx, null);
            json(ctx, Map.of("funding", f.view().funding(token)));
        });
        r.get("/api/health", this::health);
        r.get("/api/latency", ctx -> json(ctx, services.latency().latency(picker.pick(ctx, null).dir())));
        r.get("/api/templates", ctx -> json(ctx, Map.of("templates", services.simulation().templates())));
        r.post("/api/simulate", this::simulate);
        new PlaybookRoutes(picker, services, settings).register(r);
        new ManagementRoutes(picker, services).register(r);
        r.get("/api/*", ctx -> {
            throw ApiError.notFound("no such API route: GET " + ctx.path());
        });
        r.post("/api/*", ctx -> {
            throw ApiError.notFound("no such API route: POST " + ctx.path());
        });
        r.delete("/api/*", ctx -> {
            throw ApiError.notFound("no such API route: DELETE " + ctx.path());
        });
    }

    private Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("journal", journal.toAbsolutePath().toString());
        m.put("bands", BANDS);
        m.put("sizesUsd", MarketView.SIZES_USD);
        m.put("curveSizesUsd", MarketView.CURVE_SIZES_USD);
        m.put("pushIntervalMs", settings.pushIntervalMs());
        m.put("pushIntervalMaxMs", Subscription.MAX_INTERVAL_MS);
        m.put("staleAfterMs", settings.staleAfterMs());
        m.put("maxPaths", settings.maxPaths());
        m.put("maxSizeUsd", MAX_SIZE_USD);
        m.put("simulateMaxCost", settings.simulateMaxCost());
        m.put("simulatePerMinute", settings.simulatePerMinute());
        if (folds.isFleet()) {
            m.put("engines", folds.all().stream().map(EngineFold::engine).toList());
        }
        return m;
    }

    private void health(Context ctx) {
        if (folds.isFleet() && folds.all().isEmpty() && ctx.queryParam("engine") == null) {
            ObjectNode h = Json.MAPPER.createObjectNode();
            h.putPOJO("engines", List.of());
            h.putPOJO("push", hub.stats());
            h.putPOJO("ring", RING);
            json(ctx, h);
            return;
        }
        // The journal's health, then what only the sidecar knows: its push channel and its tailer.
        EngineFold f = picker.pick(ctx, null);
        ObjectNode h = Json.MAPPER.valueToTree(f.view().health());
        h.putPOJO("push", hub.stats());
        h.put("undecodableRecords", f.tailer().undecodable());
        h.putPOJO("ring", RING);
        if (folds.isFleet()) {
            h.put("engine", f.engine());
            h.putPOJO("engines", engines());
        }
        json(ctx, h);
    }

    /** Each engine of a fleet: its shard, rows, how far its fold and its copy are behind, its newest event. */
    private List<Map<String, Object>> engines() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> out = new ArrayList<>();
        for (EngineFold f : folds.all()) {
            MarketView v = f.view();
            long lastEvent = v.clocks().lastEventMs();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("engine", f.engine());
            e.put("shard", f.shard());
            e.put("rows", v.rows().size());
            e.put("caughtUp", v.isCaughtUp());
            e.put("lastEventMs", lastEvent == 0 ? null : lastEvent);
            e.put("lastEventAgeMs", lastEvent == 0 ? null : now - lastEvent);
            e.put("foldLag", Map.of("input", f.tailer().lag("input"), "output", f.tailer().lag("output")));
            e.put("undecodableRecords", f.tailer().undecodable());
            e.put("journal", f.dir().toAbsolutePath().toString());
            e.put("copy", f.copy());
            out.add(e);
        }
        return out;
    }

    /** A token the request names and the fold that holds it. */
    private record Known(EngineFold fold, TokenRow row) {
    }

    private Known known(Context ctx, String raw) {
        String symbol = Params.symbol("symbol", raw);
        EngineFold f = picker.pick(ctx, symbol);
        TokenRow row = f.row(symbol);
        if (row == null) {
            throw ApiError.notFound("unknown token '" + symbol + "'" + (folds.isFleet() ? " on engine " + f.engine()
                    : ""));
        }
        return new Known(f, row);
    }

    private void history(Context ctx) {
        Known k = known(ctx, ctx.pathParam("symbol"));
        TokenRow row = k.row();
        long from = Params.time("from", ctx.queryParam("from"), 0);
        long to = Params.time("to", ctx.queryParam("to"), 253_402_300_799_999L);
        if (from > to) {
            throw ApiError.badRequest("parameter 'from' must not be after 'to'");
        }
        int points = (int) Params.integer("points", ctx.queryParam("points"), 1, MAX_HISTORY_POINTS, 2000);
        json(ctx, k.fold().view().history(row.symbol(), from, to, points));
    }

    private void slippage(Context ctx) {
        Known k = known(ctx, ctx.pathParam("symbol"));
        ObjectNode m = Json.MAPPER.valueToTree(k.fold().view().slippageCurve(k.row().symbol()));
        m.putPOJO("bands", BANDS);
        m.put("perpNote", "Hyperliquid: market order walked through the journaled L2 book (else top of book + impact"
                + " model)");
        m.put("spotNote", "Jupiter: the journaled quote ladder interpolated in size (else the impact model on Jupiter's"
                + " liquidity figure)");
        json(ctx, m);
    }

    private void opportunities(Context ctx) {
        long since = Params.integer("since", ctx.queryParam("since"), -1, Long.MAX_VALUE, -1);
        int limit = (int) Params.integer("limit", ctx.queryParam("limit"), 1, MAX_OPPORTUNITIES, 200);
        String token = ctx.queryParam("token");
        String symbol = null;
        EngineFold f;
        if (token != null) {
            Known k = known(ctx, token);
            symbol = k.row().symbol();
            f = k.fold();
        } else {
            f = picker.pick(ctx, null);
        }
        List<Opportunity> opps = f.view().opportunities(since, symbol, limit);
        json(ctx, new OpportunitiesAnswer(opps.size(), opps));
    }

    private void simulate(Context ctx) {
        long wait = simulateLimiter.acquire(ctx.ip(), System.nanoTime());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiError(429, "too many simulations from " + ctx.ip() + ": at most "
                    + settings.simulatePerMinute()
                    + " a minute (dashboard.simulate.per-minute); retry after " + wait + " s");
        }
        JsonNode body = JsonBodies.object(ctx.body(), "{\"template\":\"SOL Scalping\",\"token\":\"SOL\","
                + "\"sizeUsd\":1000,\"paths\":100000,\"seed\":42}", SIMULATE_FIELDS);
        String template = text(body, "template", true);
        if (template.isBlank() || template.length() > 64) {
            throw ApiError.badRequest("parameter 'template' must be 1-64 characters");
        }
        Known k = known(ctx, text(body, "token", true));
        String symbol = k.row().symbol();
        double size = Params.decimal("sizeUsd", number(body, "sizeUsd", true, Double.NaN), 1, MAX_SIZE_USD);
        double pathsD = number(body, "paths", true, Double.NaN);
        if (pathsD != Math.rint(pathsD)) {
            throw ApiError.badRequest("parameter 'paths' must be an integer in [1, " + settings.maxPaths() + "]");
        }
        int paths = (int) Params.integer("paths", Long.toString((long) pathsD), 1, settings.maxPaths(), 0);
        JsonNode seedNode = body.get("seed");
        long seed = 42;
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber()) {
                throw ApiError.badRequest("parameter 'seed' must be an integer");
            }
            seed = seedNode.asLong();
        }
        long from = Params.time("from", body.has("from") ? body.get("from").asText() : null, 0);
        long to = Params.time("to", body.has("to") ? body.get("to").asText() : null, 253_402_300_799_999L);
        if (from > to) {
            throw ApiError.badRequest("parameter 'from' must not be after 'to'");
        }
        if ((double) paths * size > settings.simulateMaxCost()) {
            throw ApiError.badRequest("parameter 'paths' x 'sizeUsd' = " + String.format(Locale.ROOT, "%.3g",
                    (double) paths * size) + " is above the simulation cost limit " + String.format(Locale.ROOT,
                    "%.3g", settings.simulateMaxCost())
                    + " (dashboard.simulate.max-cost): fewer paths or a smaller size");
        }
        if (!simulating.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "the dashboard is running its maximum of simulations at once; retry in a moment");
        }
        Map<String, Object> result;
        try {
            result = services.simulation().simulate(new SimulationService.SimulationRequest(template, symbol, size,
                    paths, seed, from, to, k.fold().dir()));
        } catch (ExecutionException e) {
            throw switch (e.parameter()) {
                case "size" -> ApiError.badRequest("parameter 'sizeUsd': "
                        + e.getMessage().substring("size: ".length()));
                case "paths" -> ApiError.badRequest("parameter 'paths': "
                        + e.getMessage().substring("paths: ".length()));
                case "token" -> ApiError.notAvailable(e.getMessage());
                default -> ApiError.badRequest("parameter '" + e.parameter() + "': " + e.getMessage());
            };
        } finally {
            simulating.release();
        }
        if (result == null) {
            throw ApiError.notFound("unknown template '" + template + "'");
        }
        json(ctx, result);
    }

    private static String text(JsonNode body, String name, boolean required) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiError.badRequest("parameter '" + name + "' is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest("parameter '" + name + "' must be a string");
        }
        return n.asText();
    }

    private static double number(JsonNode body, String name, boolean required, double def) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiError.badRequest("parameter '" + name + "' is required");
            }
            return def;
        }
        if (!n.isNumber()) {
            throw ApiError.badRequest("parameter '" + name + "' must be a number");
        }
        return n.asDouble();
    }

    static void json(Context ctx, Object o) {
        ctx.contentType("application/json").result(Json.write(o));
    }

    static void error(Context ctx, int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        ctx.status(status);
        json(ctx, m);
    }

    /** The slippage bands' upper limits in bps (green up to the first, orange up to the second, red beyond). */
    record Bands(double greenMaxBps, double orangeMaxBps) {
    }

    /** {@code GET /api/tokens}: every token's row, and whether the journal as it was at start has been read. */
    record TokensAnswer(int count, boolean caughtUp, List<TokenRow> tokens) {
    }

    /** {@code GET /api/opportunities}. */
    record OpportunitiesAnswer(int count, List<Opportunity> opportunities) {
    }

    /** A figure the sidecar cannot show, and where to find it instead. */
    record Unavailable(boolean available, String note) {
    }
}
