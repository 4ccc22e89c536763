package io.perpspot.engine.exec;

/**
 * What executing a basis trade of one size costs and earns, deterministically (no latency,
 * no price move, every leg filled): the entry and exit prices of both legs, the executable
 * basis, every cost and the net edge. Bps are of the notional unless said otherwise; a
 * positive cost is paid, a positive carry is received.
 *
 * @param notionalUsd         the trade size (spot leg at the spot mid)
 * @param quantity            tokens on each leg (hedged: the same on both)
 * @param perpEntry           perp leg entry (sell at the bids when short, buy at the asks when long)
 * @param spotEntry           spot leg entry
 * @param perpExit            perp leg exit (the opposite side of the same book)
 * @param spotExit            spot leg exit (the opposite side of the ladder)
 * @param midBasisBps         (perp mid − spot mid)/spot mid
 * @param executableBasisBps  (perp entry − spot entry)/spot entry: the basis at this size (DESIGN §4)
 * @param grossEdgeBps        what the entry captures in this direction: sign·(perp entry − spot entry)/spot mid
 * @param exitBasisBps        the basis the position is assumed to be closed at (the window's mean)
 * @param exitCostBps         the exit: convergence to exitBasisBps plus both legs' exit slippage
 * @param perpFeesBps         Hyperliquid fees, entry and exit
 * @param spotFeesBps         Jupiter platform fees, entry and exit
 * @param gasUsd              Solana base + priority fees of the two swaps
 * @param fundingHourly       the funding rate used (hourly)
 * @param holdingHours        the horizon funding accrues over
 * @param fundingCarryBps     funding received (positive) or paid (negative) over the horizon
 * @param netEdgeBps          grossEdge − exitCost − fees − gas − transfer + carry
 * @param netEdgeUsd          the same in USD
 * @param pair                the {@code core.VenuePair} traded: the perp/spot names are its legs A and B
 * @param transferCostBps     {@code hlspot-jupiter}: Unit's network fee plus the price risk of the transfer's delay
 *                            ({@link TransferCosts}); 0 on a pair with one venue
 * @param transferDelayNanos  that delay (0 when none)
 */
public record ExecutionEstimate(
        String symbol,
        Direction direction,
        double notionalUsd,
        double quantity,
        LegQuote perpEntry,
        LegQuote spotEntry,
        LegQuote perpExit,
        LegQuote spotExit,
        double midBasisBps,
        double executableBasisBps,
        double grossEdgeBps,
        double exitBasisBps,
        double exitCostBps,
        double perpFeesBps,
        double spotFeesBps,
        double gasUsd,
        double gasBps,
        double fundingHourly,
        double holdingHours,
        double fundingCarryBps,
        double netEdgeBps,
        double netEdgeUsd,
        int pair,
        double transferCostBps,
        long transferDelayNanos) {

    /** All costs (exit, fees, gas, transfer) minus the carry, in bps. */
    public double totalCostBps() {
        return exitCostBps + perpFeesBps + spotFeesBps + gasBps + transferCostBps - fundingCarryBps;
    }

    /** USD of a bps figure of this trade's notional. */
    public double usd(double bps) {
        return bps / 10_000.0 * notionalUsd;
    }

    /** The worse of the two entry slippages' bands. */
    public SlippageBand worstEntryBand() {
        return perpEntry.band().compareTo(spotEntry.band()) >= 0 ? perpEntry.band() : spotEntry.band();
    }
}
