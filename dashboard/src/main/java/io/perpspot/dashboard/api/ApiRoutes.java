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
import io.perpspot.dashboard.state.JournalTailer;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.dashboard.state.Opportunity;
import io.perpspot.dashboard.state.TokenRow;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.SlippageBand;
import java.nio.file.Path;
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

    private final MarketView view;
    private final PushHub hub;
    private final DashboardServices services;
    private final DashboardSettings settings;
    private final Path journal;
    private final JournalTailer tailer;
    private final RateLimiter simulateLimiter;
    private final Semaphore simulating = new Semaphore(2);

    public ApiRoutes(MarketView view, PushHub hub, DashboardServices services, DashboardSettings settings, Path journal,
                     JournalTailer tailer) {
        this.view = view;
        this.hub = hub;
        this.services = services;
        this.settings = settings;
        this.journal = journal;
        this.tailer = tailer;
        this.simulateLimiter = new RateLimiter(settings.simulatePerMinute());
    }

    /** Registers every {@code /api} route, and a 404 naming the path for any other under it. */
    public void register(RoutesConfig r) {
        r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        r.get("/api/meta", ctx -> json(ctx, meta()));
        r.get("/api/tokens", ctx -> {
            List<TokenRow> rows = view.rows();
            json(ctx, new TokensAnswer(rows.size(), view.isCaughtUp(), rows));
        });
        r.get("/api/tokens/{symbol}", ctx -> json(ctx, knownRow(ctx.pathParam("symbol"))));
        r.get("/api/tokens/{symbol}/history", this::history);
        r.get("/api/tokens/{symbol}/slippage", this::slippage);
        r.get("/api/opportunities", this::opportunities);
        r.get("/api/funding", ctx -> {
            String token = ctx.queryParam("token");
            if (token != null) {
                knownRow(token);
            }
            json(ctx, Map.of("funding", view.funding(token)));
        });
        r.get("/api/health", ctx -> {
            // The journal's health, then what only the sidecar knows: its push channel and its tailer.
            ObjectNode h = Json.MAPPER.valueToTree(view.health());
            h.putPOJO("push", hub.stats());
            h.put("undecodableRecords", tailer.undecodable());
            h.putPOJO("ring", RING);
            json(ctx, h);
        });
        r.get("/api/latency", ctx -> json(ctx, services.latency().latency(journal)));
        r.get("/api/templates", ctx -> json(ctx, Map.of("templates", services.simulation().templates())));
        r.post("/api/simulate", this::simulate);
        new PlaybookRoutes(view, services, settings, journal).register(r);
        new ManagementRoutes(view, services).register(r);
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
        return m;
    }

    private TokenRow knownRow(String raw) {
        String symbol = Params.symbol("symbol", raw);
        TokenRow row = view.row(symbol);
        if (row == null) {
            throw ApiError.notFound("unknown token '" + symbol + "'");
        }
        return row;
    }

    private void history(Context ctx) {
        TokenRow row = knownRow(ctx.pathParam("symbol"));
        long from = Params.time("from", ctx.queryParam("from"), 0);
        long to = Params.time("to", ctx.queryParam("to"), 253_402_300_799_999L);
        if (from > to) {
            throw ApiError.badRequest("parameter 'from' must not be after 'to'");
        }
        int points = (int) Params.integer("points", ctx.queryParam("points"), 1, MAX_HISTORY_POINTS, 2000);
        json(ctx, view.history(row.symbol(), from, to, points));
    }

    private void slippage(Context ctx) {
        String symbol = knownRow(ctx.pathParam("symbol")).symbol();
        ObjectNode m = Json.MAPPER.valueToTree(view.slippageCurve(symbol));
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
        if (token != null) {
            symbol = knownRow(token).symbol();
        }
        List<Opportunity> opps = view.opportunities(since, symbol, limit);
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
        String symbol = knownRow(text(body, "token", true)).symbol();
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
                    paths, seed, from, to, journal));
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
