package io.perpspot.engine.core;

/**
 * The venue pairs a token's basis is measured on. Part of the journal format (Spread and Opportunity records of
 * version 3 carry the code): never renumber.
 *
 * <p>Each pair has a leg A and a leg B, and its basis is (mid A − mid B) / mid B. The record fields keep their
 * names: {@code perpBid}/{@code perpAsk}/{@code perpMid}/{@code perpPx} hold leg A and {@code spotPx} leg B, so a
 * reader of today's pair reads nothing new.
 *
 * <pre>
 * code  name             leg A                 leg B                  what it is
 * 0     perp-jupiter     Hyperliquid perp      Jupiter spot           the cross-venue basis (every record before v3)
 * 1     perp-hlspot      Hyperliquid perp      Hyperliquid spot       the same-venue carry: one account, no bridge
 * 2     hlspot-jupiter   Hyperliquid spot      Jupiter spot           spot against spot across a bridge (Unit)
 * </pre>
 */
public final class VenuePair {
    public static final int PERP_JUPITER = 0;
    public static final int PERP_HLSPOT = 1;
    public static final int HLSPOT_JUPITER = 2;
    /** Number of pairs (codes 0 .. COUNT − 1). */
    public static final int COUNT = 3;

    private static final NameTable NAMES = new NameTable(0, "perp-jupiter", "perp-hlspot", "hlspot-jupiter");
    private static final String[] LEG_A = {"perp", "perp", "hlspot"};
    private static final String[] LEG_B = {"spot", "hlspot", "jupiter"};

    private VenuePair() {
    }

    /**
     * The price risk of holding a bought leg through a transfer, in bps: {@code sigmas} standard deviations of a
     * price whose volatility is {@code perSqrtSecond} (fraction per √second) over {@code delayNanos}. The detector
     * and the execution model price a transfer's delay with this one formula.
     */
    public static double transferRiskBps(double sigmas, double perSqrtSecond, long delayNanos) {
        return sigmas * perSqrtSecond * Math.sqrt(delayNanos / 1e9) * 10_000.0;
    }

    /** The pair's name ({@code perp-jupiter}, ...), or {@code unknown(code)}. */
    public static String name(int pair) {
        return NAMES.name(pair);
    }

    /** The pair named {@code name} (case-insensitive), or -1. */
    public static int byName(String name) {
        return NAMES.byName(name);
    }

    /** True for a code this build knows. */
    public static boolean valid(int pair) {
        return pair >= 0 && pair < COUNT;
    }

    /**
     * The direction's name on a pair: today's names on {@code perp-jupiter} ({@code short-perp/long-spot}), the legs'
     * names on the others ({@code short-perp/long-hlspot}, {@code long-hlspot/short-jupiter}); {@code none} for a
     * code that is no direction.
     */
    public static String directionName(int direction, int pair) {
        if (!valid(pair) || pair == PERP_JUPITER) {
            return OutputRecord.directionName(direction);
        }
        return switch (direction) {
            case OutputRecord.SHORT_PERP_LONG_SPOT -> "short-" + LEG_A[pair] + "/long-" + LEG_B[pair];
            case OutputRecord.LONG_PERP_SHORT_SPOT -> "long-" + LEG_A[pair] + "/short-" + LEG_B[pair];
            default -> "none";
        };
    }
}
