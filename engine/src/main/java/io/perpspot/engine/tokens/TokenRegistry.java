package io.perpspot.engine.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable set of tracked pairs with dense ids 0..n-1, and allocation-free lookups by
 * Hyperliquid coin, by Hyperliquid spot pair ({@code @107}, matched by {@link SpotMatcher}) and by
 * Solana mint for the decoders. Shared read-only by every thread.
 */
public final class TokenRegistry {
    private final List<Token> tokens;
    private final CharIndex byCoin;
    private final CharIndex byMint;
    private final CharIndex bySpotPair;
    /** Spot pair name by token id (null: none); {@link #spotPairs()} by coin. */
    private final String[] spotPairById;
    private final Map<String, String> spotPairByCoin;

    /** Builds a registry without spot pairs; ids are reassigned densely in list order. */
    public TokenRegistry(List<Token> input) {
        this(input, Map.of());
    }

    /**
     * Builds a registry; ids are reassigned densely in list order. {@code spotPairByCoin} maps a perp coin to
     * its Hyperliquid spot pair; entries of coins not in the list are dropped.
     */
    public TokenRegistry(List<Token> input, Map<String, String> spotPairByCoin) {
        List<Token> list = new ArrayList<>(input.size());
        Set<String> coins = new HashSet<>();
        Set<String> mints = new HashSet<>();
        for (Token t : input) {
            if (!coins.add(t.hlCoin())) {
                throw new IllegalArgumentException("Hyperliquid coin listed twice: " + t.hlCoin());
            }
            if (!mints.add(t.mint())) {
                throw new IllegalArgumentException("mint listed twice: " + t.mint() + " (" + t.symbol() + ")");
            }
            list.add(t.withId(list.size()));
        }
        this.tokens = Collections.unmodifiableList(list);
        String[] coinKeys = new String[list.size()];
        String[] mintKeys = new String[list.size()];
        int[] ids = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            coinKeys[i] = list.get(i).hlCoin();
            mintKeys[i] = list.get(i).mint();
            ids[i] = i;
        }
        this.byCoin = new CharIndex(coinKeys, ids);
        this.byMint = new CharIndex(mintKeys, ids);
        this.spotPairById = new String[list.size()];
        Map<String, String> spot = new LinkedHashMap<>();
        List<String> spotKeys = new ArrayList<>();
        List<Integer> spotIds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String pair = spotPairByCoin.get(list.get(i).hlCoin());
            if (pair != null && !spot.containsValue(pair)) {
                spot.put(list.get(i).hlCoin(), pair);
                spotPairById[i] = pair;
                spotKeys.add(pair);
                spotIds.add(i);
            }
        }
        this.spotPairByCoin = Collections.unmodifiableMap(spot);
        this.bySpotPair = new CharIndex(spotKeys.toArray(new String[0]),
                spotIds.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The same pairs with these spot pairs ({@link #TokenRegistry(List, Map)}). */
    public TokenRegistry withSpotPairs(Map<String, String> byCoin) {
        return new TokenRegistry(tokens, byCoin);
    }

    /** Perp coin to its Hyperliquid spot pair, for the tokens that have one, in id order. */
    public Map<String, String> spotPairs() {
        return spotPairByCoin;
    }

    /** The Hyperliquid spot pair of a token ({@code @107}), or null. */
    public String spotPair(int id) {
        return spotPairById[id];
    }

    /** Token id for a Hyperliquid spot pair name in a char buffer, or {@link CharIndex#MISSING}. */
    public int idBySpotPair(char[] buf, int off, int len) {
        return bySpotPair.get(buf, off, len);
    }

    /** Token id for a Hyperliquid spot pair name, or {@link CharIndex#MISSING}. */
    public int idBySpotPair(CharSequence pair) {
        return bySpotPair.get(pair);
    }

    /** Number of pairs; their ids are 0 to {@code size() - 1}. */
    public int size() {
        return tokens.size();
    }

    /**
     * The pair with this id.
     *
     * @throws IndexOutOfBoundsException if {@code id} is not in [0, {@link #size()})
     */
    public Token get(int id) {
        return tokens.get(id);
    }

    /** Every pair in id order, unmodifiable. */
    public List<Token> all() {
        return tokens;
    }

    /** Token id for a Hyperliquid coin name in a char buffer, or {@link CharIndex#MISSING}. */
    public int idByCoin(char[] buf, int off, int len) {
        return byCoin.get(buf, off, len);
    }

    /** Token id for a Hyperliquid coin name, or {@link CharIndex#MISSING}. */
    public int idByCoin(CharSequence coin) {
        return byCoin.get(coin);
    }

    /** Token id for a mint, or {@link CharIndex#MISSING}. */
    public int idByMint(CharSequence mint) {
        return byMint.get(mint);
    }

    /** Token by symbol (case-insensitive), or null. Not for the hot path. */
    public Token bySymbol(String symbol) {
        for (Token t : tokens) {
            if (t.symbol().equalsIgnoreCase(symbol) || t.hlCoin().equals(symbol)) {
                return t;
            }
        }
        return null;
    }
}
