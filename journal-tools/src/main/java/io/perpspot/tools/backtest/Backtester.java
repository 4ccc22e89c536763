package io.perpspot.tools.backtest;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegQuote;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A backtest as a fold over a journal's input: the live {@link Strategy} (with the template's
 * thresholds written into each EngineStart it reads) finds the signals; this class opens a
 * modelled position on each tradable Opportunity of a traded token, prices every leg with the
 * execution model ({@link ExecutionModel}: L2 book walk, Jupiter quote ladder, impact model),
 * accrues funding at each whole hour of event time, and closes on convergence, a stop, the time
 * limit or the end of the data.
 *
 * <p>Reads MarketEvents in journal order; writes {@link Trade}s and an equity curve. Per event it
 * allocates nothing unless a position opens or closes. Pure function of the input and the
 * {@link BacktestSpec} (the seed drives the one-leg-fill draws in event order).
 */
public final class Backtester implements RecordSink {
    /** {@code --tokens all}: trade every token of the journal. */
    public static final String ALL = "all";
    static final long HOUR = 3_600_000_000_000L;
    static final long DAY = 24 * HOUR;
    private static final double PRICE = FixedPoint.PRICE_SCALE;

    private final BacktestSpec spec;
    private final Template template;
    /** The execution parameters of the template's venue pair (its legs' fees, latencies, failures). */
    private final ExecutionParams exec;
    private final ExecutionModel model;
    /** The {@code core.VenuePair} the template trades: only its opportunities open positions. */
    private final int pair;
    private final IntFunction<Token> tokens;
    private final Strategy strategy = new Strategy(this);
    private final MarketEvent start = new MarketEvent();
    private final SplittableRandom rng;
    private final Map<String, Template> perToken = new HashMap<>();

    private Position[] open = new Position[16];
    private byte[] traded = new byte[16]; // 0 unknown, 1 traded, 2 not
    private int openCount;
    private int solId = -1;
    private boolean openedNow;

    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private long nextHour;
    private long nextDay;
    private long exposureNanos;
    private long events;
    private double realized;
    private double lastDayEquity;

    private final List<Trade> trades = new ArrayList<>();
    private long[] eqTime = new long[256];
    private double[] eqValue = new double[256];
    private int eqCount;
    private final List<Double> dailyPnl = new ArrayList<>();
    private long signals;
    private final Refusals.Counter refused = new Refusals.Counter();
    private long oneLegFills;

    /** An open position; prices in USD per token. */
    private static final class Position {
        int tokenId;
        String symbol;
        Direction d;
        double q;
        double notional;
        LegQuote perpIn;
        LegQuote spotIn;
        double entryFees;
        double funding;
        long entryNanos;
        double lastPerpMid;
        double lastSpot;

        double mtm(double perpMid, double spot) {
            return d.sign() * q * ((perpIn.price() - perpMid) + (spot - spotIn.price()));
        }
    }

    /** @param tokens the journal's token definitions by id (a {@code JournalReader::token}) */
    public Backtester(BacktestSpec spec, IntFunction<Token> tokens) {
        this.spec = spec;
        this.template = spec.template();
        this.pair = template.pairCode();
        this.exec = spec.exec().forPair(pair);
        this.model = new ExecutionModel(spec.exec());
        this.tokens = tokens;
        this.rng = new SplittableRandom(spec.seed());
    }

    /**
     * Folds one input event.
     *
     * @return false once the event is at or past {@link BacktestSpec#toNanos()}: the backtest has ended
     */
    public boolean onEvent(MarketEvent e) {
        if (e.type == EventType.LATENCY_SNAPSHOT) {
            return true; // wall-clock measurements, not market input (the strategy ignores them too)
        }
        long t = e.recvNanos;
        if (t >= spec.toNanos()) {
            return false;
        }
        events++;
        advance(t);
        openedNow = false;
        if (e.type == EventType.ENGINE_START) {
            start.copyFrom(e);
            start.setText(withOverrides(e.textString(), spec.strategySets()));
            strategy.onEvent(start);
            return true;
        }
        if (e.type == EventType.TOKEN_DEF) {
            Token k = tokens.apply(e.tokenId);
            if (k != null && k.hlCoin().equals("SOL")) {
                solId = e.tokenId;
            }
        }
        strategy.onEvent(e);
        int id = e.tokenId;
        // A position's exit is checked when its pair's legs move (a Hyperliquid spot book moves no perp-jupiter leg).
        if (openCount > 0 && !openedNow && id >= 0 && id < open.length && open[id] != null
                && EventType.isMarketData(e.type) && (SpreadBook.pairsMovedBy(e.type, e.source) & 1 << pair) != 0) {
            checkExit(open[id], t);
        }
        return true;
    }

    private void advance(long t) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = t;
            nextHour = (Math.floorDiv(t, HOUR) + 1) * HOUR;
            nextDay = (Math.floorDiv(t, DAY) + 1) * DAY;
            point(t);
        }
        if (t < lastNanos) {
            t = lastNanos; // a journal's receive times may step back across runs; the backtest clock never does
        }
        if (openCount > 0 && lastNanos != Long.MIN_VALUE) {
            exposureNanos += t - lastNanos;
        }
        while (t >= nextHour) {
            accrueFunding();
            point(nextHour);
            if (nextHour == nextDay) {
                closeDay();
                nextDay += DAY;
            }
            nextHour += HOUR;
        }
        lastNanos = t;
    }

    /**
     * Hyperliquid settles funding every hour: position × oracle price × the hourly rate; a short receives a positive
     * rate.
     */
    private void accrueFunding() {
        if (openCount == 0) {
            return;
        }
        for (Position p : open) {
            if (p == null) {
                continue;
            }
            SpreadBook b = strategy.book(p.tokenId);
            if (pair == VenuePair.HLSPOT_JUPITER || b == null || b.funding == FixedPoint.NULL) {
                // Spot against spot holds no perp: nothing to settle.
                continue;
            }
            long px = b.oraclePx != FixedPoint.NULL ? b.oraclePx : b.perpMid;
            if (px == FixedPoint.NULL) {
                continue;
            }
            p.funding += p.d.sign() * (b.funding / PRICE) * p.q * (px / PRICE);
        }
    }

    private void closeDay() {
        double eq = equity();
        dailyPnl.add(eq - lastDayEquity);
        lastDayEquity = eq;
    }

    /** Realised P&amp;L plus every open position marked at mids, net of its entry fees, with its funding. */
    private double equity() {
        double eq = realized;
        if (openCount > 0) {
            for (Position p : open) {
                if (p != null) {
                    eq += p.mtm(p.lastPerpMid, p.lastSpot) + p.funding - p.entryFees;
                }
            }
        }
        return eq;
    }

    private void point(long t) {
        if (eqCount == eqTime.length) {
            eqTime = Arrays.copyOf(eqTime, eqCount * 2);
            eqValue = Arrays.copyOf(eqValue, eqCount * 2);
        }
        if (eqCount > 0 && eqTime[eqCount - 1] == t) {
            eqValue[eqCount - 1] = equity();
            return;
        }
        eqTime[eqCount] = t;
        eqValue[eqCount] = equity();
        eqCount++;
    }

    // ---- entries --------------------------------------------------------------------------

    @Override
    public void write(OutputRecord r) {
        if (r.type != OutputType.OPPORTUNITY || r.rejectReason != 0 || r.pair != pair) {
            return;
        }
        int id = r.tokenId;
        if (r.timeNanos < spec.fromNanos() || !traded(id) || (id < open.length && open[id] != null)) {
            return;
        }
        signals++;
        Direction d = r.direction == OutputRecord.SHORT_PERP_LONG_SPOT ? Direction.SHORT_PERP_LONG_SPOT
                : Direction.LONG_PERP_SHORT_SPOT;
        Template t = templateFor(tokens.apply(id).hlCoin());
        SpreadBook b = strategy.book(id);
        ExecutionEstimate est;
        try {
            est = model.estimate(snapshot(id, b), d, t.notionalUsd(), t.holdingHours(exec.holdingHours()));
        } catch (ExecutionException ex) {
            refused.depth();
            return;
        }
        Template.Check check = t.check(est);
        if (!check.pass()) {
            refused.rule(check.rules().get(0));
            return;
        }
        // One-leg-fill risk: both legs' latencies and failures drawn in a fixed order from the seeded generator.
        long maxLatency = t.maxLatency().toNanos();
        long perpLat = exec.perpLatency().sampleNanos(rng);
        long spotLat = exec.spotLatency().sampleNanos(rng);
        boolean perpFails = rng.nextDouble() < exec.perpFailProbability() || perpLat > maxLatency;
        boolean spotFails = rng.nextDouble() < exec.spotFailProbability() || spotLat > maxLatency;
        long now = r.timeNanos;
        if (perpFails && spotFails) {
            refused.bothLegsFailed(perpLat > maxLatency || spotLat > maxLatency);
            return;
        }
        Position p = new Position();
        p.tokenId = id;
        p.symbol = tokens.apply(id).hlCoin();
        p.d = d;
        p.q = est.quantity();
        p.notional = t.notionalUsd();
        p.perpIn = est.perpEntry();
        p.spotIn = est.spotEntry();
        p.entryNanos = now;
        p.lastPerpMid = b.midA(pair) / PRICE;
        p.lastSpot = b.midB(pair) / PRICE;
        if (perpFails || spotFails) {
            // The filled leg is naked: unwound at once at the opposite side, priced now.
            oneLegFills++;
            boolean perpOnly = spotFails;
            int s = d.sign();
            double perpPnl = perpOnly ? s * p.q * (p.perpIn.price() - est.perpExit().price()) : 0;
            double spotPnl = perpOnly ? 0 : s * p.q * (est.spotExit().price() - p.spotIn.price());
            double fees = perpOnly ? perpFee(p.q * (p.perpIn.price() + est.perpExit().price()))
                    : spotFee(p.q * (p.spotIn.price() + est.spotExit().price())) + 2 * gasUsd();
            double pnl = perpPnl + spotPnl - fees;
            realized += pnl;
            trades.add(new Trade(p.symbol, d, now, now + maxLatency, perpOnly ? Trade.ONE_LEG_PERP : Trade.ONE_LEG_SPOT,
                    p.q, p.notional,
                    perpOnly ? p.perpIn.price() : Double.NaN, perpOnly ? Double.NaN : p.spotIn.price(),
                    perpOnly ? est.perpExit().price() : Double.NaN, perpOnly ? Double.NaN : est.spotExit().price(),
                    perpOnly ? p.perpIn.slippageBps() : Double.NaN, perpOnly ? Double.NaN : p.spotIn.slippageBps(),
                    perpOnly ? est.perpExit().slippageBps() : Double.NaN, perpOnly ? Double.NaN
                    : est.spotExit().slippageBps(),
                    fees, 0, perpPnl, spotPnl, pnl));
            point(now);
            return;
        }
        // hlspot-jupiter: Unit's network fee for moving the bought leg to where it is sold (its delay's risk is in
        // the estimate the template checked; the backtest marks both legs at the same event time).
        p.entryFees = perpFee(p.q * p.perpIn.price()) + spotFee(p.q * p.spotIn.price()) + gasUsd()
                + exec.transfer().costBps() / 10_000.0 * p.notional;
        if (id >= open.length) {
            open = Arrays.copyOf(open, Math.max(id + 1, open.length * 2));
        }
        open[id] = p;
        openCount++;
        openedNow = true;
        point(now);
    }

    private boolean traded(int id) {
        if (id < 0) {
            return false;
        }
        if (id >= traded.length) {
            traded = Arrays.copyOf(traded, Math.max(id + 1, traded.length * 2));
        }
        if (traded[id] == 0) {
            Token k = tokens.apply(id);
            traded[id] = (byte) (k != null
                    && (spec.tokens().contains(ALL) || spec.tokens().contains(k.hlCoin())
                            || spec.tokens().contains(k.symbol())) ? 1 : 2);
        }
        return traded[id] == 1;
    }

    /** The template with its token set to the traded coin (a template names one token; --tokens may trade others). */
    private Template templateFor(String coin) {
        return perToken.computeIfAbsent(coin, c -> c.equals(template.token()) ? template
                : new Template(template.name(), c, template.notionalUsd(), template.maxLatency(),
                        template.minSpreadBps(),
                        template.fundingThresholdBps(), template.direction(), template.riskMultiplier(),
                        template.holdingHorizon(), template.pair()));
    }

    private MarketSnapshot snapshot(int id, SpreadBook b) {
        return MarketSnapshot.of(tokens.apply(id).hlCoin(), b, b.ladder, solUsd(), pair);
    }

    private double solUsd() {
        SpreadBook sol = solId < 0 ? null : strategy.book(solId);
        return sol == null || sol.spotPx == FixedPoint.NULL ? exec.solUsdFallback() : sol.spotPx / PRICE;
    }

    private double perpFee(double usd) {
        return exec.perpFeeBps() / 10_000.0 * usd;
    }

    private double spotFee(double usd) {
        return exec.spotFeeBps() / 10_000.0 * usd;
    }

    private double gasUsd() {
        return exec.solanaTxUsd(solUsd());
    }

    // ---- exits ----------------------------------------------------------------------------

    private void checkExit(Position p, long t) {
        SpreadBook b = strategy.book(p.tokenId);
        if (b == null || !b.priced(pair)) {
            return;
        }
        p.lastPerpMid = b.midA(pair) / PRICE;
        p.lastSpot = b.midB(pair) / PRICE;
        String reason = null;
        if (t - p.entryNanos >= spec.timeLimitNanos()) {
            reason = Trade.TIME;
        } else if (p.mtm(p.lastPerpMid, p.lastSpot) <= -spec.stopBps() / 10_000.0 * p.notional) {
            reason = Trade.STOP;
        } else if (b.pairs[pair].basis.count() > 0
                && p.d.sign() * (b.basisBps(pair) - b.pairs[pair].basis.mean()) <= spec.exitBandBps()) {
            reason = Trade.CONVERGED;
        }
        if (reason != null) {
            close(p, t, reason, false);
        }
    }

    /** Closes at executable prices; at the end of the data, at mids when the books cannot take the size. */
    private void close(Position p, long t, String reason, boolean force) {
        SpreadBook b = strategy.book(p.tokenId);
        double perpOut;
        double spotOut;
        double perpSlip;
        double spotSlip;
        try {
            if (b == null || !b.priced(pair)) {
                throw new ExecutionException("token", "no prices");
            }
            ExecutionEstimate est = model.estimate(snapshot(p.tokenId, b), p.d, p.q * (b.midB(pair) / PRICE), 0);
            perpOut = est.perpExit().price();
            spotOut = est.spotExit().price();
            perpSlip = est.perpExit().slippageBps();
            spotSlip = est.spotExit().slippageBps();
        } catch (ExecutionException ex) {
            if (!force) {
                return; // the books cannot take it now; try again on the next event
            }
            perpOut = p.lastPerpMid;
            spotOut = p.lastSpot;
            perpSlip = 0;
            spotSlip = 0;
        }
        int s = p.d.sign();
        double perpPnl = s * p.q * (p.perpIn.price() - perpOut);
        double spotPnl = s * p.q * (spotOut - p.spotIn.price());
        double fees = p.entryFees + perpFee(p.q * perpOut) + spotFee(p.q * spotOut) + gasUsd();
        double pnl = perpPnl + spotPnl - fees + p.funding;
        open[p.tokenId] = null;
        openCount--;
        realized += pnl;
        trades.add(new Trade(p.symbol, p.d, p.entryNanos, t, reason, p.q, p.notional, p.perpIn.price(),
                p.spotIn.price(),
                perpOut, spotOut, p.perpIn.slippageBps(), p.spotIn.slippageBps(), perpSlip, spotSlip, fees, p.funding,
                perpPnl, spotPnl, pnl));
        point(t);
    }

    /** Ends the backtest: closes what is open at the last event time and returns the result. */
    public BacktestResult finish() {
        long end = lastNanos == Long.MIN_VALUE ? 0 : lastNanos;
        if (openCount > 0) {
            for (Position p : open.clone()) {
                if (p != null) {
                    close(p, end, Trade.END, true);
                }
            }
        }
        if (lastNanos != Long.MIN_VALUE) {
            point(end);
            if (end > nextDay - DAY) {
                closeDay(); // the last, partial day
            }
        }
        double[] daily = new double[dailyPnl.size()];
        for (int i = 0; i < daily.length; i++) {
            daily[i] = dailyPnl.get(i);
        }
        return new BacktestResult(spec, List.copyOf(trades), Arrays.copyOf(eqTime, eqCount),
                Arrays.copyOf(eqValue, eqCount),
                daily, firstNanos == Long.MIN_VALUE ? 0 : firstNanos, end, exposureNanos, events, signals,
                oneLegFills, refused.snapshot());
    }

    /**
     * The EngineStart text with {@code sets} written over it: a named key's line is replaced, a
     * new key is added, comments are dropped (the text must stay within {@link MarketEvent#MAX_TEXT}).
     */
    static String withOverrides(String text, List<String> sets) {
        if (sets.isEmpty()) {
            return text;
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String s = line.trim();
            int eq = s.indexOf('=');
            if (!s.isEmpty() && !s.startsWith("#") && eq > 0) {
                lines.put(s.substring(0, eq).trim(), s);
            }
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            lines.put(s.substring(0, eq).trim(), s.trim());
        }
        String out = String.join("\n", lines.values()) + "\n";
        if (!MarketEvent.fitsText(out)) {
            throw new IllegalArgumentException("strategy parameters with the overrides exceed " + MarketEvent.MAX_TEXT
                    + " bytes");
        }
        return out;
    }

    /** Events folded so far. */
    public long events() {
        return events;
    }
}
