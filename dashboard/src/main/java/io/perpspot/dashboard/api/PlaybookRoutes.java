package io.perpspot.dashboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.dashboard.seam.OpportunityReplay;
import io.perpspot.dashboard.state.EngineFold;
import io.perpspot.dashboard.state.HeldOpportunity;
import io.perpspot.dashboard.state.Opportunity;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.MonteCarlo;
import io.perpspot.engine.exec.Playbook;
import io.perpspot.engine.exec.PlaybookPlanner;
import io.perpspot.engine.exec.RiskStats;
import io.perpspot.engine.exec.Template;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The trader's workflow over the opportunities: {@code GET /api/opportunities/{seq}/playbook} (the
 * {@link PlaybookPlanner}'s plan on the journaled state at that opportunity, as JSON or Markdown) and
 * {@code POST /api/analyze} (the live opportunities ranked by the execution model's P&amp;L after costs, the
 * best N each through the Monte Carlo on its own state). The state comes from the {@link MarketView} when it
 * holds it exactly, else from a replay of the journal to the opportunity ({@link OpportunityReplay}). An opportunity
 * on a venue pair other than perp-jupiter has no plan (422): the execution model prices the perp and Jupiter legs
 * only; the analysis ranks perp-jupiter's alone (the only ones whose state the view holds).
 */
public final class PlaybookRoutes {
    /** Most opportunities one analysis runs. */
    static final int MAX_ANALYZE = 20;
    static final int DEFAULT_ANALYZE = 5;
    /** Monte Carlo paths per analysed opportunity at most (also bounded by the dashboard's simulate limits). */
    static final int ANALYZE_PATHS = 20_000;
    /** Live opportunities ranked at most (the newest of each token). */
    static final int CANDIDATES = 500;
    static final String CONFIDENCE = "confidence = probability of profit x share of the Monte Carlo's paths on which"
            + " both legs fill within the template's max latency, in % (100 % only when every path fills both legs"
            + " and ends in profit)";
    private static final Set<String> ANALYZE_FIELDS = Set.of("template", "n", "sizeUsd");
    private static final String NOTE = "a plan for a human to carry out: perpspot sends no order";

    private final FoldPicker folds;
    private final DashboardServices services;
    private final DashboardSettings settings;
    private final PlaybookPlanner planner;
    private final ExecutionModel model;
    private final Semaphore analyzing = new Semaphore(1);

    PlaybookRoutes(FoldPicker folds, DashboardServices services, DashboardSettings settings) {
        this.folds = folds;
        this.services = services;
        this.settings = settings;
        this.planner = new PlaybookPlanner(services.execution());
        this.model = new ExecutionModel(services.execution());
    }

    /** Registers the playbook and analysis routes (before the API's catch-all 404). */
    public void register(RoutesConfig r) {
        r.get("/api/opportunities/{seq}/playbook", this::playbook);
        r.post("/api/analyze", this::analyze);
    }

    /** The state at an opportunity, from memory or a replay of the journal. */
    private record At(long seq, long inputIndex, String symbol, Direction direction, long timeMs, Double netBps,
                      Double z, MarketSnapshot snapshot, String stateFrom) {
    }

    private At state(EngineFold fold, long seq) {
        HeldOpportunity h = fold.view().opportunity(seq);
        if (h == null) {
            throw ApiError.notFound("no opportunity with seq " + seq + " (GET /api/opportunities lists them)");
        }
        if (h.opportunity() != null && !VenuePair.name(VenuePair.PERP_JUPITER).equals(h.opportunity().pair())) {
            throw new ApiError(422, OpportunityReplay.unpriced(seq, VenuePair.byName(h.opportunity().pair())));
        }
        if (h.state() != null) {
            Opportunity o = h.opportunity();
            HeldOpportunity.State s = h.state();
            return new At(seq, s.inputIndex(), s.snapshot().symbol(), s.direction(), o == null ? 0 : o.timeMs(),
                    o == null ? null : o.netBps(), o == null ? null : o.z(), s.snapshot(), "memory");
        }
        OpportunityReplay.Result r = OpportunityReplay.at(fold.dir(), seq);
        return switch (r.outcome()) {
            case UNKNOWN -> throw ApiError.notFound(r.reason());
            case UNPRICED -> throw new ApiError(422, r.reason());
            case GONE -> throw new ApiError(410, "the state of opportunity " + seq + " is no longer in the dashboard's"
                    + " memory and cannot be replayed: " + r.reason());
            case FOUND -> {
                OpportunityReplay.State s = r.state();
                yield new At(seq, s.inputIndex(), s.symbol(), s.direction(), s.timeMs(), s.netBps(), s.z(),
                        s.snapshot(), "replay");
            }
        };
    }

    private void playbook(Context ctx) {
        long seq = Params.integer("seq", ctx.pathParam("seq"), 0, Long.MAX_VALUE, -1);
        String format = format(ctx);
        At at = state(folds.pick(ctx, null), seq);
        Template t = template(ctx.queryParam("template"), at.symbol());
        String rawSize = ctx.queryParam("sizeUsd");
        double size = rawSize == null ? t.notionalUsd()
                : Params.decimal("sizeUsd", parse("sizeUsd", rawSize), 1, ApiRoutes.MAX_SIZE_USD);
        Playbook plan;
        try {
            plan = planner.plan(at.snapshot(), at.direction(), size, t, seq, at.inputIndex());
        } catch (ExecutionException e) {
            throw refusal(e);
        }
        ObjectNode n = Json.MAPPER.valueToTree(plan);
        Map<String, Object> opp = new LinkedHashMap<>();
        opp.put("seq", seq);
        opp.put("symbol", at.symbol());
        opp.put("direction", at.direction().label());
        opp.put("timeMs", at.timeMs());
        opp.put("netBps", at.netBps());
        opp.put("z", at.z());
        n.putPOJO("opportunity", opp);
        n.put("stateFrom", at.stateFrom());
        n.put("note", NOTE);
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"playbook-" + at.symbol() + "-" + seq + "."
                    + ("md".equals(format) ? "md" : "json") + "\"");
        }
        if ("md".equals(format)) {
            ctx.contentType("text/markdown; charset=utf-8").result(PlaybookMarkdown.render(plan, at.symbol(), seq,
                    at.stateFrom(), NOTE));
        } else {
            ApiRoutes.json(ctx, n);
        }
    }

    private static String format(Context ctx) {
        String f = ctx.queryParam("format");
        if (f == null) {
            String accept = ctx.header("Accept");
            return accept != null && accept.contains("text/markdown") ? "md" : "json";
        }
        return switch (f) {
            case "md", "markdown" -> "md";
            case "json" -> "json";
            default -> throw ApiError.badRequest("parameter 'format' must be json or md, got '" + Params.clip(f) + "'");
        };
    }

    private static double parse(String name, String raw) {
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("parameter '" + name + "' must be a number, got '" + Params.clip(raw) + "'");
        }
    }

    /** The named template (else the first for the token, else the first listed), applied to {@code symbol}. */
    private Template template(String name, String symbol) {
        String pick = name;
        if (pick == null) {
            List<Map<String, Object>> all = services.simulation().templates();
            if (all.isEmpty()) {
                throw ApiError.notAvailable("no execution templates are loaded");
            }
            pick = (String) all.get(0).get("name");
            for (Map<String, Object> m : all) {
                if (symbol.equalsIgnoreCase(String.valueOf(m.get("token")))) {
                    pick = (String) m.get("name");
                    break;
                }
            }
        }
        return retarget(base(pick), symbol);
    }

    private Template base(String name) {
        if (name.isBlank() || name.length() > 64) {
            throw ApiError.badRequest("parameter 'template' must be 1-64 characters");
        }
        Template base = services.simulation().template(name);
        if (base == null) {
            throw ApiError.notFound("unknown template '" + Params.clip(name) + "'");
        }
        return base;
    }

    /** A template for another token applied to {@code symbol} (its thresholds, latency, horizon), as simulate does. */
    private static Template retarget(Template base, String symbol) {
        return base.token().equalsIgnoreCase(symbol) ? base : new Template(base.name(), symbol, base.notionalUsd(),
                base.maxLatency(), base.minSpreadBps(), base.fundingThresholdBps(), base.direction(),
                base.riskMultiplier(), base.holdingHorizon());
    }

    private static ApiError refusal(ExecutionException e) {
        return switch (e.parameter()) {
            case "size" -> ApiError.badRequest("parameter 'sizeUsd': " + e.getMessage().substring("size: ".length()));
            case "token" -> ApiError.notAvailable(e.getMessage());
            default -> ApiError.badRequest("parameter '" + e.parameter() + "': " + e.getMessage());
        };
    }

    private void analyze(Context ctx) {
        JsonNode body = JsonBodies.object(ctx.body(), "{\"template\":\"SOL Scalping\",\"n\":5}", ANALYZE_FIELDS);
        JsonNode tn = body.get("template");
        if (tn == null || !tn.isTextual()) {
            throw ApiError.badRequest("parameter 'template' is required (a template's name)");
        }
        int n = DEFAULT_ANALYZE;
        JsonNode nn = body.get("n");
        if (nn != null && !nn.isNull()) {
            if (!nn.isIntegralNumber() || nn.asLong() < 1 || nn.asLong() > MAX_ANALYZE) {
                throw ApiError.badRequest("parameter 'n' must be an integer in [1, " + MAX_ANALYZE + "], got "
                        + Params.clip(nn.toString()));
            }
            n = nn.asInt();
        }
        JsonNode sn = body.get("sizeUsd");
        Double sizeOverride = null;
        if (sn != null && !sn.isNull()) {
            if (!sn.isNumber()) {
                throw ApiError.badRequest("parameter 'sizeUsd' must be a number");
            }
            sizeOverride = Params.decimal("sizeUsd", sn.asDouble(), 1, ApiRoutes.MAX_SIZE_USD);
        }
        Template base = base(tn.asText());
        double size = sizeOverride == null ? base.notionalUsd() : sizeOverride;
        if (!analyzing.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "an analysis is running; retry in a moment");
        }
        try {
            ApiRoutes.json(ctx, rank(folds.pick(ctx, null), base, n, size));
        } finally {
            analyzing.release();
        }
    }

    private record Candidate(HeldOpportunity held, Template template, ExecutionEstimate estimate) {
    }

    private Map<String, Object> rank(EngineFold fold, Template base, int n, double size) {
        ExecutionParams p = services.execution();
        List<HeldOpportunity> live = fold.view().liveOpportunities(CANDIDATES);
        List<Candidate> ranked = new ArrayList<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (HeldOpportunity h : live) {
            HeldOpportunity.State s = h.state();
            Template t = retarget(base, s.snapshot().symbol());
            try {
                ranked.add(new Candidate(h, t, model.estimate(s.snapshot(), s.direction(), size,
                        t.holdingHours(p.holdingHours()))));
            } catch (ExecutionException e) {
                skipped.merge(e.parameter().equals("size") ? "size beyond depth" : "no prices", 1L, Long::sum);
            }
        }
        ranked.sort(Comparator.comparingDouble((Candidate c) -> c.estimate().netEdgeUsd()).reversed());
        List<Candidate> top = ranked.subList(0, Math.min(n, ranked.size()));
        // Bounded like POST /api/simulate: paths x size x rows within dashboard.simulate.max-cost.
        int paths = (int) Math.max(1, Math.min(Math.min(ANALYZE_PATHS, settings.maxPaths()),
                settings.simulateMaxCost() / (size * Math.max(1, top.size()))));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Candidate c : top) {
            rows.add(row(rows.size() + 1, c, paths, p));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", base.name());
        out.put("n", n);
        out.put("sizeUsd", size);
        out.put("paths", paths);
        out.put("seed", p.seed());
        out.put("candidates", live.size());
        out.put("skipped", skipped);
        out.put("rankedBy", "the execution model's net P&L after every cost at the size, on each opportunity's state");
        out.put("confidenceDefinition", CONFIDENCE);
        out.put("rows", rows);
        return out;
    }

    private Map<String, Object> row(int rank, Candidate c, int paths, ExecutionParams p) {
        HeldOpportunity.State s = c.held().state();
        Opportunity o = c.held().opportunity();
        Template t = c.template();
        ExecutionEstimate e = c.estimate();
        MonteCarlo.Outcome mc = new MonteCarlo(e, p, planner.volatility(s.snapshot(), t), t.maxLatency().toNanos())
                .run(paths, p.seed(), p.threads());
        double[] pnl = RiskStats.sorted(mc.pnlUsd());
        double[] time = RiskStats.sorted(mc.executionSeconds());
        double pop = RiskStats.probabilityOfProfit(pnl);
        double both = (double) mc.both() / paths;
        Template.Check check = t.check(e);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rank", rank);
        r.put("seq", o.seq());
        r.put("symbol", o.symbol());
        r.put("timeMs", o.timeMs());
        r.put("direction", o.direction());
        r.put("entrySignal", signal(s.direction(), o.z(), o.netBps()));
        r.put("expectedPnlUsd", num(e.netEdgeUsd()));
        r.put("netEdgeBps", num(e.netEdgeBps()));
        r.put("meanUsd", num(RiskStats.mean(pnl)));
        r.put("p5Usd", num(RiskStats.quantile(pnl, 0.05)));
        r.put("p95Usd", num(RiskStats.quantile(pnl, 0.95)));
        r.put("probabilityOfProfit", num(pop));
        r.put("bothLegsFraction", num(both));
        r.put("executionP50Seconds", num(RiskStats.quantile(time, 0.50)));
        r.put("executionP99Seconds", num(RiskStats.quantile(time, 0.99)));
        r.put("confidencePct", num(pop * both * 100));
        r.put("passesTemplate", check.pass());
        r.put("checkReasons", check.reasons());
        return r;
    }

    /** The original app's labels: which side is rich, and how unusual the spread is (|z| above 1, above 2). */
    static String signal(Direction d, Double z, Double netBps) {
        String side = d == Direction.SHORT_PERP_LONG_SPOT ? "PERP OVERPRICED" : "SPOT OVERPRICED";
        if (z == null) {
            return side;
        }
        double a = Math.abs(z);
        String level = a > 2 ? "EXTREME" : a > 1 ? "SIGNIFICANT" : "normal";
        return String.format(Locale.ROOT, "%s · z %.2f %s%s", side, z, level,
                netBps == null ? "" : String.format(Locale.ROOT, " · net %.1f bps", netBps));
    }

    private static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
