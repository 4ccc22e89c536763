package io.perpspot.engine.exec;

import java.util.Locale;

/** Which directions a template trades. */
public enum DirectionPolicy {
    /** Whichever way the basis is dislocated: short the perp when it is rich, long when cheap. */
    AUTO("auto"),
    /** Only short-perp/long-spot. */
    SHORT_PERP("short-perp"),
    /** Only long-perp/short-spot. */
    LONG_PERP("long-perp");

    private final String text;

    DirectionPolicy(String text) {
        this.text = text;
    }

    /** The YAML spelling. */
    public String text() {
        return text;
    }

    /** The direction to trade at a basis (bps, perp − spot). */
    public Direction direction(double basisBps) {
        return switch (this) {
            case AUTO -> Direction.forBasis(basisBps);
            case SHORT_PERP -> Direction.SHORT_PERP_LONG_SPOT;
            case LONG_PERP -> Direction.LONG_PERP_SHORT_SPOT;
        };
    }

    /** Parses the YAML spelling; null if unknown. */
    public static DirectionPolicy of(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (DirectionPolicy p : values()) {
            if (p.text.equals(t)) {
                return p;
            }
        }
        return null;
    }
}
