package io.perpspot.dashboard.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One token's latest state, as the overview and the token page show it: prices as exact decimal
 * strings, times in epoch milliseconds, and null wherever the journal has not said yet.
 *
 * @param coin          the Hyperliquid coin
 * @param spot          latest Jupiter price
 * @param liquidityUsd  Jupiter's liquidity figure, in the journal's fixed-point units
 * @param perp          the perp mid (from the BBO, else the journaled mid)
 * @param fundingHourly the hourly funding rate
 * @param fundingAprPct the funding rate annualised, in percent
 * @param basisBps      the strategy's latest basis, with its z-score, mean, standard deviation and samples
 * @param opportunities opportunities journaled for this token
 * @param slippage      both legs' entry slippage per overview size, in the direction the basis points at
 * @param hlSpotBid     Hyperliquid spot's bid and ask, from the latest hlspot-jupiter Spread record (its leg A)
 * @param hlSpot        Hyperliquid spot's mid, from the newer of the latest perp-hlspot (leg B) and hlspot-jupiter
 *                      (leg A) Spread records; null for a token without a Hyperliquid spot book
 * @param hlSpotTimeMs  the event time of that mid
 * @param pairs         every venue pair, in code order (perp-jupiter, perp-hlspot, hlspot-jupiter): latest basis,
 *                      z and tradable opportunity; the row's own basis, z, mean and std are perp-jupiter's
 * @param bestPair      the pair with the highest net edge among the pairs whose latest tradable opportunity is at
 *                      most 5 minutes ({@code TokenBoard.BEST_PAIR_WINDOW_MS}) older than the newest event the
 *                      dashboard read; null when no pair has one that recent
 * @param bestNetBps    that opportunity's net edge
 * @param engine        the engine whose journal the row is from, when the dashboard shows several engines (else
 *                      null and not written)
 * @param shard         that engine's {@code tokens.shard} ({@code all} or {@code K/N}; null like {@code engine})
 */
public record TokenRow(String symbol, String coin, String mint, String spot, String spotSource, Long spotTimeMs,
                       Long liquidityUsd, String perpBid, String perpAsk, String perp, String perpSource,
                       Long perpTimeMs, String mark, String oracle, String fundingHourly, Double fundingAprPct,
                       Double basisBps, Double z, Double mean, Double std, int samples, Long spreadTimeMs,
                       long opportunities, List<SizeSlippage> slippage, Long bookTimeMs, Long ladderTimeMs,
                       String hlSpotBid, String hlSpotAsk, String hlSpot, Long hlSpotTimeMs, List<PairRow> pairs,
                       String bestPair, Double bestNetBps,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String engine,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String shard) {
    /** This row as one engine's among several: the same figures, with its engine id and shard. */
    public TokenRow of(String engineId, String engineShard) {
        return new TokenRow(symbol, coin, mint, spot, spotSource, spotTimeMs, liquidityUsd, perpBid, perpAsk, perp,
                perpSource, perpTimeMs, mark, oracle, fundingHourly, fundingAprPct, basisBps, z, mean, std, samples,
                spreadTimeMs, opportunities, slippage, bookTimeMs, ladderTimeMs, hlSpotBid, hlSpotAsk, hlSpot,
                hlSpotTimeMs, pairs, bestPair, bestNetBps, engineId, engineShard);
    }
}
