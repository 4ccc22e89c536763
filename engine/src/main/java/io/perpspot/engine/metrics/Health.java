package io.perpspot.engine.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;

/**
 * The answers of {@code /healthz} (the process is alive and its consumer advances) and
 * {@code /readyz} (the journal is open, each side has a serving source, and it is not stale), each
 * a verdict and a JSON body saying why.
 */
final class Health {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineReadings parts;
    private final Freshness fresh;
    private final double staleSeconds;

    Health(EngineReadings parts, Freshness fresh, double staleSeconds) {
        this.parts = parts;
        this.fresh = fresh;
        this.staleSeconds = staleSeconds;
    }

    /** Alive, and the consumer journals what waits for it (an idle ring is healthy). */
    Verdict healthz() {
        ObjectNode body = JSON.createObjectNode();
        long backlog = parts.pipeline().backlog();
        double idle = fresh.consumerIdleSeconds();
        boolean advancing = backlog == 0 || idle < staleSeconds;
        body.put("status", advancing ? "ok" : "stuck");
        body.put("journaled", parts.pipeline().journalHandler().appended());
        body.put("backlog", backlog);
        body.put("consumerIdleSeconds", round(idle));
        if (!advancing) {
            body.put("reason", "the consumer journaled nothing for " + round(idle) + " s with " + backlog
                    + " events waiting");
        }
        return new Verdict(advancing, body.toString());
    }

    /** Ready when the journal is open and each side's serving source is up and fresh. */
    Verdict readyz() {
        ObjectNode body = JSON.createObjectNode();
        StringBuilder why = new StringBuilder();
        boolean journal = !parts.pipeline().journalFailed();
        body.put("journal", journal ? "open" : "failing");
        if (!journal) {
            why.append("the journal cannot be appended to; ");
        }
        int perp = parts.perp().activeSource();
        boolean perpOk = side(body, "perp", perp, why);
        boolean spotOk = side(body, "spot", Source.JUPITER_PRICE, why);
        boolean ready = journal && perpOk && spotOk;
        body.put("status", ready ? "ready" : "unready");
        if (!ready) {
            body.put("reason", why.substring(0, why.length() - 2));
        }
        return new Verdict(ready, body.toString());
    }

    private boolean side(ObjectNode body, String name, int source, StringBuilder why) {
        ObjectNode side = body.putObject(name);
        if (source < 0) {
            side.put("source", "none");
            why.append(name).append(": every source is down; ");
            return false;
        }
        int state = parts.status().state(source);
        double age = fresh.ageSeconds(source);
        side.put("source", Source.name(source));
        side.put("state", SourceState.name(state));
        if (!Double.isNaN(age)) {
            side.put("lastDataAgeSeconds", round(age));
        }
        if (state != SourceState.UP) {
            why.append(name).append(": ").append(Source.name(source)).append(" is ")
                    .append(SourceState.name(state)).append("; ");
            return false;
        }
        if (!Double.isNaN(age) && age >= staleSeconds) {
            why.append(name).append(": ").append(Source.name(source)).append(" sent nothing for ")
                    .append(round(age)).append(" s; ");
            return false;
        }
        return true;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
