package io.perpspot.engine.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The immutable set of tracked pairs with dense ids 0..n-1, and allocation-free lookups by
 * Hyperliquid coin and by Solana mint for the decoders. Shared read-only by every thread.
 */
public final class TokenRegistry {
    private final List<Token> tokens;
    private final CharIndex byCoin;
    private final CharIndex byMint;

    /** Builds a registry; ids are reassigned densely in list order. */
    public TokenRegistry(List<Token> input) {
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
