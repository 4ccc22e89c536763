package io.perpspot.engine.exec;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds the {@link Playbook} of one trade from a market state: a pure function of the snapshot, the
 * direction, the size, the template and the execution parameters (the latency quantiles are drawn
 * from the configured seed), so the same journaled state always gives the same plan.
 *
 * <ul>
 * <li>Leg prices: {@link ExecutionModel#legQuote} at the size (perp: the L2 book walk; spot: the Jupiter
 *     quote ladder; else the impact model), exactly as {@code simulate} prices them.</li>
 * <li>First leg: the slower venue (higher p99 latency) goes first, so the fast one hedges it quickly;
 *     unless the other venue is thin (it takes less than the size within the green band) and the slower
 *     one is not: then the thin one goes first, because it is the one likelier to fail or slip.</li>
 * <li>Limit prices: the expected price moved against the trade by a quarter of the net edge (at least
 *     1 bps), so both legs slipping to their limits still keep half the edge; a perp buy or sell never
 *     limits inside the last book level its walk needs.</li>
 * </ul>
 */
public final class PlaybookPlanner {
    /** Latency draws per venue for the fill-time quantiles. */
    static final int LATENCY_DRAWS = 20_000;
    private static final double Z99 = 2.326_347_874;
    private static final long HOUR_MS = 3_600_000;

    private final ExecutionModel model;
    private final ExecutionParams p;

    public PlaybookPlanner(ExecutionParams params) {
        this.p = params;
        this.model = new ExecutionModel(params);
    }

    /**
     * The plan for trading {@code d} for {@code sizeUsd} on {@code m} with template {@code t}'s horizon, risk
     * multiplier and latency limit.
     *
     * @param journalIndex the opportunity's output record
     * @param inputIndex   the input record the state {@code m} is at
     * @throws ExecutionException as {@link ExecutionModel#estimate} (size beyond depth, no prices)
     */
    public Playbook plan(MarketSnapshot m, Direction d, double sizeUsd, Template t, long journalIndex,
                         long inputIndex) {
        double hours = t.holdingHours(p.holdingHours());
        ExecutionEstimate e = model.estimate(m, d, sizeUsd, hours);
        boolean buyPerp = d == Direction.LONG_PERP_SHORT_SPOT;
        LegQuote perpQ = model.legQuote(m, true, buyPerp, sizeUsd);
        LegQuote spotQ = model.legQuote(m, false, !buyPerp, sizeUsd);
        if (perpQ == null || spotQ == null) {
            throw new ExecutionException("size", "$" + sizeUsd + " has no executable price on both venues");
        }
        double q = e.quantity();
        double tolBps = Math.max(1, e.netEdgeBps() / 4);
        long[] perpLat = quantiles(p.perpLatency());
        long[] spotLat = quantiles(p.spotLatency());
        double band = SlippageBand.GREEN_MAX_BPS;
        double perpDepth = BandDepth.usd(model, m, true, buyPerp, band);
        double spotDepth = BandDepth.usd(model, m, false, !buyPerp, band);

        Playbook.Leg perp = leg(0, "hyperliquid", buyPerp, true, q, sizeUsd, perpQ, m, tolBps, perpDepth, perpLat,
                p.perpFailProbability());
        Playbook.Leg spot = leg(0, "jupiter", !buyPerp, false, q, sizeUsd, spotQ, m, tolBps, spotDepth, spotLat,
                p.spotFailProbability());
        boolean perpThin = perpDepth < sizeUsd;
        boolean spotThin = spotDepth < sizeUsd;
        boolean perpSlower = perpLat[1] > spotLat[1];
        String why;
        boolean perpFirst;
        if (perpThin != spotThin) {
            perpFirst = perpThin;
            why = String.format(Locale.ROOT, "%s first: it is the less liquid venue (takes $%,.0f within %.0f bps"
                            + " against $%,.0f on %s for a $%,.0f trade), so it is the leg likelier to fail or slip",
                    perpThin ? "Hyperliquid" : "Jupiter", perpThin ? perpDepth : spotDepth, band,
                    perpThin ? spotDepth : perpDepth, perpThin ? "Jupiter" : "Hyperliquid", sizeUsd);
        } else {
            perpFirst = perpSlower;
            why = String.format(Locale.ROOT, "%s first: it is the slower venue (fill p99 %.0f ms against %.0f ms),"
                            + " so the faster leg hedges it as soon as it fills; depth within %.0f bps: Hyperliquid"
                            + " $%,.0f, Jupiter $%,.0f", perpSlower ? "Hyperliquid" : "Jupiter",
                    (perpSlower ? perpLat[1] : spotLat[1]) / 1e6, (perpSlower ? spotLat[1] : perpLat[1]) / 1e6, band,
                    perpDepth, spotDepth);
        }
        Playbook.Leg first = withStep(perpFirst ? perp : spot, 1);
        Playbook.Leg second = withStep(perpFirst ? spot : perp, 2);

        double vol = volatility(m, t);
        boolean observed = m.volReturns() >= p.volMinReturns() && Double.isFinite(m.volPerSqrtSecond());
        Playbook.OneLegRisk risk = oneLeg(e, perpFirst, first, second, t, vol);
        Playbook.Funding funding = funding(e, m, hours);
        Playbook.Exit exit = new Playbook.Exit(String.format(Locale.ROOT, "close both legs together when the"
                        + " basis reaches the window mean %.2f bps (now %.2f bps), or after %.2f h at the latest;"
                        + " do not enter if the net edge at send time is below the template's %.2f bps",
                e.exitBasisBps(), e.midBasisBps(), hours, t.minSpreadBps()), e.exitBasisBps(), e.perpExit().price(),
                e.spotExit().price(), e.exitCostBps(), hours);
        Playbook.Derivation from = new Playbook.Derivation(journalIndex, inputIndex, m.timeNanos() / 1_000_000,
                e.midBasisBps(), e.executableBasisBps(), e.grossEdgeBps(), e.perpFeesBps() + e.spotFeesBps(),
                e.gasUsd(), e.netEdgeBps(), e.netEdgeUsd(), vol, observed, m.depth().levels(0) + m.depth().levels(1),
                m.ladder().size(0) + m.ladder().size(1), p.seed(), LATENCY_DRAWS);
        String limitRule = String.format(Locale.ROOT, "each leg's limit is its expected price moved against the"
                + " trade by %.2f bps (a quarter of the net edge, at least 1 bps): both legs at their limits still"
                + " keep half the edge; a perp order never limits inside the last book level its walk needs", tolBps);
        return new Playbook(m.symbol(), d.label(), t.name(), sizeUsd, q, List.of(first, second), why, limitRule,
                risk, funding, exit, from);
    }

    private Playbook.Leg leg(int step, String venue, boolean buy, boolean perp, double q, double usd, LegQuote lq,
                             MarketSnapshot m, double tolBps, double depth, long[] lat, double fail) {
        double worst = lq.price();
        if (perp && lq.source() == PriceSource.BOOK) {
            LegFill f = new LegFill();
            BookWalk.walk(m.depth(), buy, q, f);
            worst = f.worstPrice;
        }
        double tol = tolBps / 10_000.0;
        double limit = buy ? Math.max(lq.price() * (1 + tol), worst) : Math.min(lq.price() * (1 - tol), worst);
        return new Playbook.Leg(step, venue, (buy ? "buy " : "sell ") + (perp ? "perp" : "spot"), q, usd, lq.price(),
                lq.refPrice(), limit, worst, lq.slippageBps(), lq.band().label(),
                lq.source().name().toLowerCase(Locale.ROOT), lq.levels(), depth, lat[0] / 1e6, lat[1] / 1e6, fail);
    }

    private static Playbook.Leg withStep(Playbook.Leg l, int step) {
        return new Playbook.Leg(step, l.venue(), l.action(), l.quantity(), l.notionalUsd(), l.price(), l.refPrice(),
                l.limitPrice(), l.worstBookPrice(), l.slippageBps(), l.band(), l.priceSource(), l.bookLevels(),
                l.bandDepthUsd(), l.fillP50Ms(), l.fillP99Ms(), l.failProbability());
    }

    private Playbook.OneLegRisk oneLeg(ExecutionEstimate e, boolean perpFirst, Playbook.Leg first,
                                       Playbook.Leg second, Template t, double vol) {
        // Naked from the first fill until the second is known failed (its fill time, at most the template's
        // timeout), plus the unwind on the first venue.
        double secondKnownMs = Math.min(second.fillP99Ms(), t.maxLatency().toNanos() / 1e6);
        double nakedS = (first.fillP99Ms() + secondKnownMs + first.fillP99Ms()) / 1000.0;
        double move = Z99 * vol * Math.sqrt(nakedS);
        LegQuote unwind = perpFirst ? e.perpExit() : e.spotExit();
        boolean firstBuy = first.action().startsWith("buy");
        double q = e.quantity();
        double priceLoss = firstBuy ? q * (first.price() - unwind.price()) : q * (unwind.price() - first.price());
        double feeBps = perpFirst ? p.perpFeeBps() : p.spotFeeBps();
        double cost = priceLoss + 2 * feeBps / 10_000.0 * e.notionalUsd() + (perpFirst ? 0 : e.gasUsd());
        String action = String.format(Locale.ROOT, "if the %s leg is not filled within %d ms, %s the %,.6f %s"
                        + " %s on %s at about %s (its opposite side at the size), and stand aside",
                second.venue(), t.maxLatency().toMillis(), firstBuy ? "sell" : "buy back", q, e.symbol(),
                firstBuy ? "bought" : "sold", first.venue(), price(unwind.price()));
        return new Playbook.OneLegRisk(nakedS, move * 10_000.0, action, unwind.price(), cost,
                cost / e.notionalUsd() * 10_000.0, cost + move * e.notionalUsd());
    }

    private static Playbook.Funding funding(ExecutionEstimate e, MarketSnapshot m, double hours) {
        long stateMs = m.timeNanos() / 1_000_000;
        long next = (Math.floorDiv(stateMs, HOUR_MS) + 1) * HOUR_MS;
        long endMs = stateMs + (long) (hours * HOUR_MS);
        int settlements = endMs < next ? 0 : (int) ((endMs - next) / HOUR_MS) + 1;
        double carry = ExecutionModel.carryUsd(e.direction().sign(), e.fundingHourly(), hours, e.notionalUsd());
        double settled = ExecutionModel.carryUsd(e.direction().sign(), e.fundingHourly(), settlements,
                e.notionalUsd());
        return new Playbook.Funding(e.fundingHourly(), next, (next - stateMs) / 60_000.0, settlements, hours, carry,
                e.fundingCarryBps(), settled);
    }

    /** The volatility the Monte Carlo would use: observed (enough returns) or the fallback, times the multiplier. */
    public double volatility(MarketSnapshot m, Template t) {
        boolean observed = m.volReturns() >= p.volMinReturns() && Double.isFinite(m.volPerSqrtSecond());
        return (observed ? m.volPerSqrtSecond() : p.volFallbackPerSqrtSecond()) * t.riskMultiplier();
    }

    /** p50 and p99 of a latency model in nanoseconds, from {@link #LATENCY_DRAWS} draws of the configured seed. */
    private long[] quantiles(LatencySampler s) {
        SplittableRandom rng = new SplittableRandom(p.seed());
        double[] draws = new double[LATENCY_DRAWS];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = s.sampleNanos(rng);
        }
        double[] sorted = RiskStats.sorted(draws);
        return new long[] {(long) RiskStats.quantile(sorted, 0.50), (long) RiskStats.quantile(sorted, 0.99)};
    }

    private static String price(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
