package io.perpspot.dashboard.api;

import io.perpspot.engine.exec.Playbook;
import java.time.Instant;
import java.util.Locale;

/** A {@link Playbook} as a Markdown document a trader can keep beside the order tickets. */
final class PlaybookMarkdown {
    private PlaybookMarkdown() {
    }

    static String render(Playbook p, String symbol, long seq, String stateFrom, String note) {
        StringBuilder b = new StringBuilder();
        Playbook.Derivation d = p.derivedFrom();
        line(b, "# Playbook: %s %s, $%,.2f", symbol, p.direction(), p.sizeUsd());
        line(b, "");
        line(b, "_%s._ Opportunity seq %d, template \"%s\", state at input record %d (%s, from %s).", note, seq,
                p.template(), d.inputIndex(), Instant.ofEpochMilli(d.stateTimeMs()), stateFrom);
        line(b, "");
        line(b, "## Legs, in order");
        line(b, "");
        line(b, "%s.", p.firstLegReason());
        line(b, "");
        line(b, "| step | venue | action | quantity | USD | expected price | limit price | slippage bps | band |"
                + " source | depth within 50 bps | fill p50 / p99 ms |");
        line(b, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Playbook.Leg l : p.legs()) {
            line(b, "| %d | %s | %s | %s | %,.2f | %s | %s | %.2f | %s | %s | $%,.0f | %.0f / %.0f |", l.step(),
                    l.venue(), l.action(), g(l.quantity()), l.notionalUsd(), g(l.price()), g(l.limitPrice()),
                    l.slippageBps(), l.band(), l.priceSource(), l.bandDepthUsd(), l.fillP50Ms(), l.fillP99Ms());
        }
        line(b, "");
        line(b, "Limits: %s.", p.limitRule());
        line(b, "");
        Playbook.OneLegRisk r = p.oneLegRisk();
        line(b, "## If the second leg fails");
        line(b, "");
        line(b, "%s. Unwind price %s, cost $%,.2f (%.2f bps). Naked for up to %.2f s (p99): a 99 %% move of %.2f bps;"
                + " one-leg risk $%,.2f.", cap(r.unwindAction()), g(r.unwindPrice()), r.unwindCostUsd(),
                r.unwindCostBps(), r.nakedP99Seconds(), r.move99Bps(), r.riskUsd99());
        line(b, "");
        Playbook.Funding f = p.funding();
        line(b, "## Funding");
        line(b, "");
        line(b, "Hourly rate %s; next settlement %s (in %.1f min); settlements: %d over the %.2f h horizon, carry"
                        + " $%,.4f (the model's continuous carry: $%,.4f, %.3f bps; positive: received).",
                g(f.hourlyRate()),
                Instant.ofEpochMilli(f.nextSettlementMs()), f.minutesToNextSettlement(), f.settlementsInHorizon(),
                f.horizonHours(), f.settledCarryUsd(), f.carryUsd(), f.carryBps());
        line(b, "");
        line(b, "## Exit");
        line(b, "");
        Playbook.Exit x = p.exit();
        line(b, "%s. Priced now: perp exit %s, spot exit %s, exit cost %.2f bps.", cap(x.rule()),
                g(x.perpExitPrice()), g(x.spotExitPrice()), x.exitCostBps());
        line(b, "");
        line(b, "## Derived from");
        line(b, "");
        line(b, "- journal index %d, input index %d, state time %s", d.journalIndex(), d.inputIndex(),
                Instant.ofEpochMilli(d.stateTimeMs()));
        line(b, "- mid basis %.2f bps, executable basis %.2f bps, gross edge %.2f bps, fees %.2f bps, gas $%.4f",
                d.midBasisBps(), d.executableBasisBps(), d.grossEdgeBps(), d.feesBps(), d.gasUsd());
        line(b, "- net edge %.2f bps = $%,.2f", d.netEdgeBps(), d.netEdgeUsd());
        line(b, "- volatility %s per sqrt(s) (%s), %d book levels, %d ladder rungs", g(d.volPerSqrtSecond()),
                d.volObserved() ? "observed" : "configured fallback", d.bookLevels(), d.ladderRungs());
        line(b, "- fill times: %d draws of each venue's latency model, seed %d", d.latencyDraws(), d.latencySeed());
        return b.toString();
    }

    private static void line(StringBuilder b, String fmt, Object... args) {
        b.append(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)).append('\n');
    }

    private static String g(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : "n/a";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
