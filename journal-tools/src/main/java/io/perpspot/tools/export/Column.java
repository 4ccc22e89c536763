package io.perpspot.tools.export;

/**
 * One column of an exported table: its snake_case name and what it holds. Prices and sizes are
 * exact decimals at the journal's scale (12 and 6 decimals); {@code *_f64} columns are their
 * doubles, written only with {@code --doubles}. A required column is never null (a whole number,
 * time or text the journal always has, see {@link TableSchema#of}): Parquet then writes no
 * definition level for it.
 */
record Column(String name, Kind kind, boolean required) {
    /**
     * What a column holds, and so its Parquet type and its CSV text. {@code DOUBLE_OF} is the
     * {@code --doubles} float64 of the price or size column just before it.
     */
    enum Kind {
        TIMESTAMP, LONG, PRICE, SIZE, FLOAT64, DOUBLE_OF, TEXT, LEVELS
    }

    /** {@code bidPx} as {@code bid_px}, {@code p50Nanos} as {@code p50_nanos}, {@code PerpBbo} as {@code perp_bbo}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
