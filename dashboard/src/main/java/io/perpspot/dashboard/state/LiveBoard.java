package io.perpspot.dashboard.state;

import java.util.List;

/**
 * What the push channel reads: the rows of the overview, the opportunities and source changes after a sequence,
 * and the journal's clocks. One journal's {@link MarketView}, or the union of several engines' ({@link Folds}),
 * where a row's key is its symbol and its engine ({@link #key}) since token symbols repeat across engines.
 */
public interface LiveBoard {
    /** Separates a row's symbol from its engine in a key; never in a symbol (A-Z a-z 0-9 . _ -). */
    char ENGINE_SEPARATOR = '@';

    /** Every row, in symbol order. */
    List<TokenRow> rows();

    /** The row of this key ({@link #key}), or null when there is none. */
    TokenRow row(String key);

    /** Opportunities with {@code seq} above {@code sinceSeq}, newest last, at most {@code limit}. */
    List<Opportunity> opportunities(long sinceSeq, String symbol, int limit);

    /** Sequence of the oldest opportunity still held (-1 if none). */
    long oldestOpportunitySeq();

    /** Opportunities evicted from memory. */
    long evictedOpportunities();

    /** The serving sources and every source. */
    Health.Sources sources();

    /** Source changes after {@code sinceSeq}, oldest first. */
    List<SourceChange> sourceChanges(long sinceSeq);

    /** The journal's clocks (the newest of several). */
    Clocks clocks();

    /** The key of a row: its symbol, followed by {@code @engine} when the row names its engine. */
    static String key(TokenRow row) {
        return row.engine() == null ? row.symbol() : key(row.symbol(), row.engine());
    }

    /** The key of {@code symbol}'s row of engine {@code engine}. */
    static String key(String symbol, String engine) {
        return symbol + ENGINE_SEPARATOR + engine;
    }

    /** The symbol of a key. */
    static String symbol(String key) {
        int at = key.indexOf(ENGINE_SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }
}
