package io.perpspot.engine.exec;

/**
 * The executable price of one leg for a size: a mutable result reused by the book walk and
 * the ladder so that estimating allocates nothing. Slippage is signed so that a worse price
 * is positive: for a buy {@code (avg − ref)/ref}, for a sell {@code (ref − avg)/ref}, in bps,
 * where {@code ref} is the venue's mid (perp: top-of-book mid; spot: Jupiter's price).
 */
public final class LegFill {
    /** Average execution price per token. */
    public double avgPrice;
    /** The reference (mid) price the slippage is measured from. */
    public double refPrice;
    /** Tokens filled. */
    public double quantity;
    /** Last (worst) price touched; for models, equal to the average. */
    public double worstPrice;
    /** Book levels consumed (0 for ladder and model). */
    public int levels;
    public PriceSource source;

    /** Adverse slippage in bps (buy: paid above ref; sell: received below ref). */
    public double slippageBps(boolean buy) {
        double s = (avgPrice - refPrice) / refPrice * 10_000.0;
        return buy ? s : -s;
    }

    /** Zeroes every figure and forgets the source, before the fill is reused. */
    public void clear() {
        avgPrice = refPrice = quantity = worstPrice = 0;
        levels = 0;
        source = null;
    }
}
