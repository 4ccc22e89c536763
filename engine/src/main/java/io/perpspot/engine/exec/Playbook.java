package io.perpspot.engine.exec;

import java.util.List;

/**
 * A plan for a human to carry out one basis trade, built by {@link PlaybookPlanner} from the
 * journaled market state at an opportunity; perpspot sends no order. Prices in USD per token,
 * times in milliseconds unless named otherwise, bps of the notional unless said otherwise.
 *
 * @param legs           the two legs in the order to send them (step 1 first)
 * @param firstLegReason why that leg goes first, with the numbers
 * @param limitRule      how each leg's limit price was set
 */
public record Playbook(String symbol, String direction, String template, double sizeUsd, double quantity,
                       List<Leg> legs, String firstLegReason, String limitRule, OneLegRisk oneLegRisk,
                       Funding funding, Exit exit, Derivation derivedFrom) {

    /**
     * One leg.
     *
     * @param venue          {@code hyperliquid} (perp) or {@code jupiter} (spot)
     * @param action         what to do, e.g. {@code sell perp} or {@code buy spot}
     * @param price          the expected average price: {@link ExecutionModel#legQuote} at the size
     * @param refPrice       the venue's mid the slippage is measured from
     * @param limitPrice     the worst price to accept (see {@link Playbook#limitRule})
     * @param worstBookPrice the last book level the walk touches (perp with a book; else the price)
     * @param slippageBps    the expected price's slippage from the mid, with its band
     * @param priceSource    book, ladder, ladder_extrapolated or model
     * @param bandDepthUsd   what this side of the venue takes within the green band
     * @param fillP50Ms      median time to fill, from the latency model of the venue
     * @param fillP99Ms      99th percentile of it
     * @param failProbability the chance the venue rejects or drops the order (configuration)
     */
    public record Leg(int step, String venue, String action, double quantity, double notionalUsd, double price,
                      double refPrice, double limitPrice, double worstBookPrice, double slippageBps, String band,
                      String priceSource, int bookLevels, double bandDepthUsd, double fillP50Ms, double fillP99Ms,
                      double failProbability) {
    }

    /**
     * What holding the first leg alone risks, and what to do if the second leg fails.
     *
     * @param nakedP99Seconds  first fill + second leg's timeout or fill + the unwind, at p99 latencies
     * @param move99Bps        an adverse price move over that time at the 99 % level (2.326 σ√t)
     * @param unwindAction     what to do when the second leg fails
     * @param unwindPrice      the first leg's venue, opposite side, at the size (legQuote on the same state)
     * @param unwindCostUsd    entry minus unwind price over the quantity, plus that venue's fees twice (and gas)
     * @param riskUsd99        unwind cost plus the 99 % move over the naked time
     */
    public record OneLegRisk(double nakedP99Seconds, double move99Bps, String unwindAction, double unwindPrice,
                             double unwindCostUsd, double unwindCostBps, double riskUsd99) {
    }

    /**
     * Funding timing: Hyperliquid settles funding every hour on the hour (UTC).
     *
     * @param hourlyRate            the journaled hourly rate (a short perp receives a positive one)
     * @param nextSettlementMs      the next settlement after the state time
     * @param minutesToNextSettlement from the state time
     * @param settlementsInHorizon  settlements the position sees if held over the horizon
     * @param carryUsd              the model's carry over the horizon (continuous accrual; received if positive)
     * @param settledCarryUsd       what those settlements pay at this rate
     */
    public record Funding(double hourlyRate, long nextSettlementMs, double minutesToNextSettlement,
                          int settlementsInHorizon, double horizonHours, double carryUsd, double carryBps,
                          double settledCarryUsd) {
    }

    /**
     * When and how to close.
     *
     * @param exitBasisBps the basis the trade is expected to revert to (the rolling window's mean)
     * @param exitCostBps  the exit priced now: convergence to that basis plus both legs' exit slippage
     */
    public record Exit(String rule, double exitBasisBps, double perpExitPrice, double spotExitPrice,
                       double exitCostBps, double horizonHours) {
    }

    /**
     * The numbers the plan was derived from.
     *
     * @param journalIndex the opportunity's output record
     * @param inputIndex   the input record whose state it was derived on
     * @param stateTimeMs  the newest price time in that state
     */
    public record Derivation(long journalIndex, long inputIndex, long stateTimeMs, double midBasisBps,
                             double executableBasisBps, double grossEdgeBps, double feesBps, double gasUsd,
                             double netEdgeBps, double netEdgeUsd, double volPerSqrtSecond, boolean volObserved,
                             int bookLevels, int ladderRungs, long latencySeed, int latencyDraws) {
    }
}
