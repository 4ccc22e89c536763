package io.perpspot.dashboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.dashboard.seam.EngineCache;
import io.perpspot.dashboard.seam.EngineTemplates;
import io.perpspot.dashboard.state.EngineFold;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes that manage something (issue 22): user templates ({@code POST /api/templates},
 * {@code DELETE /api/templates/{name}}) and the cache ({@code GET /api/cache}, {@code POST
 * /api/cache/flush}: perpspot's key prefix only). Behind {@link Security} like every {@code /api} route: the
 * bearer token when the dashboard requires one, and the same-origin check on every write.
 */
public final class ManagementRoutes {
    private final FoldPicker folds;
    private final EngineTemplates templates;
    private final EngineCache cache;

    ManagementRoutes(FoldPicker folds, DashboardServices services) {
        this.folds = folds;
        this.templates = services.templates();
        this.cache = services.cache();
    }

    /** Registers the routes (before {@link ApiRoutes}' catch-all 404s). */
    public void register(RoutesConfig r) {
        r.post("/api/templates", this::putTemplate);
        r.delete("/api/templates/{name}", this::deleteTemplate);
        r.get("/api/cache", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>(cacheCall(cache::stats));
            m.put("journaled", folds.pick(ctx, null).view().health().cache());
            ApiRoutes.json(ctx, m);
        });
        r.post("/api/cache/flush", ctx -> {
            Map<String, Object> m = cacheCall(cache::flush);
            if (m == null) {
                throw new ApiError(409, "no cache reachable from this process (cache.mode=local keeps it inside the"
                        + " engine's process, or Redis does not answer): nothing flushed");
            }
            ApiRoutes.json(ctx, m);
        });
    }

    private static Map<String, Object> cacheCall(Supplier<Map<String, Object>> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw ApiError.notAvailable(e.getMessage());
        }
    }

    private void putTemplate(Context ctx) {
        JsonNode body = JsonBodies.object(ctx.body(), "an object with the fields of a templates file, e.g."
                + " {\"name\":\"SOL tight\",\"token\":\"SOL\",\"notional-usd\":500,\"max-latency\":\"1s\","
                + "\"min-spread-bps\":20,\"funding-threshold-bps\":0.5,\"direction\":\"auto\",\"risk-multiplier\":1}");
        JsonNode name = body.get("name");
        if (name != null && name.isTextual() && templates.isShipped(name.asText().trim())) {
            throw new ApiError(409, "template '" + Params.clip(name.asText()) + "' is shipped (config/templates.yaml)"
                    + " and cannot be replaced; give the user template another name");
        }
        JsonNode token = body.get("token");
        if (token != null && token.isValueNode() && !known(token.asText().trim())) {
            throw ApiError.badRequest("template: token: unknown token '" + Params.clip(token.asText())
                    + "' (not in the journal)");
        }
        Template t;
        try {
            t = templates.put(body);
        } catch (ConfigException | ExecutionException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("saved", t.name());
        m.put("userFile", templates.userFile().toString());
        ApiRoutes.json(ctx, m);
    }

    /** A token of the journal, by symbol or Hyperliquid coin (a template may name either). */
    private boolean known(String token) {
        for (EngineFold f : folds.folds().all()) {
            if (f.view().row(token) != null || f.view().rows().stream().anyMatch(r -> token.equals(r.coin()))) {
                return true;
            }
        }
        return false;
    }

    private void deleteTemplate(Context ctx) {
        String name = ctx.pathParam("name");
        if (templates.isShipped(name)) {
            throw new ApiError(409, "template '" + Params.clip(name) + "' is shipped (config/templates.yaml) and"
                    + " cannot be deleted");
        }
        try {
            templates.remove(name);
        } catch (ExecutionException e) {
            throw ApiError.notFound(e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deleted", name);
        m.put("userFile", templates.userFile().toString());
        ApiRoutes.json(ctx, m);
    }
}
