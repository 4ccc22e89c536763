package io.perpspot.dashboard.api;

import io.javalin.http.Context;
import io.perpspot.dashboard.state.EngineFold;
import io.perpspot.dashboard.state.Folds;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which journal's fold answers a request: the only one ({@code --journal}), or in a fleet the engine of
 * {@code ?engine=ID}, else the one engine holding the token asked about, else the first engine.
 */
final class FoldPicker {
    private final Folds folds;

    FoldPicker(Folds folds) {
        this.folds = folds;
    }

    Folds folds() {
        return folds;
    }

    /** The fold of the request; {@code symbol} is the token it asks about (null: none). */
    EngineFold pick(Context ctx, String symbol) {
        List<EngineFold> all = folds.all();
        if (!folds.isFleet()) {
            return all.get(0);
        }
        String engine = ctx.queryParam("engine");
        if (engine != null) {
            EngineFold f = folds.find(engine);
            if (f == null) {
                throw ApiError.notFound("unknown engine '" + Params.clip(engine) + "' (GET /api/health lists the"
                        + " engines)");
            }
            return f;
        }
        if (all.isEmpty()) {
            throw ApiError.notAvailable("no engine's journal has arrived yet");
        }
        if (symbol == null || all.size() == 1) {
            return all.get(0);
        }
        List<EngineFold> holding = all.stream().filter(f -> f.view().row(symbol) != null).toList();
        if (holding.size() > 1) {
            throw ApiError.badRequest("token '" + symbol + "' is on engines " + holding.stream()
                    .map(EngineFold::engine).collect(Collectors.joining(", ")) + ": add ?engine=ID");
        }
        return holding.isEmpty() ? all.get(0) : holding.get(0);
    }
}
