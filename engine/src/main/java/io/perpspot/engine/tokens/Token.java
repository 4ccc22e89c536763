package io.perpspot.engine.tokens;

import java.util.regex.Pattern;

/**
 * One tracked pair: a Hyperliquid perp and the Solana mint Jupiter prices.
 *
 * @param id       dense id in this registry (journaled in {@code TokenDef} records)
 * @param symbol   display symbol of the spot token ({@code BONK})
 * @param hlCoin   exact Hyperliquid coin name ({@code kBONK}); case matters on the wire
 * @param multExp  log10 of tokens per contract: 3 for k-contracts, else 0
 * @param mint     Solana mint address
 * @param decimals SPL decimals of the mint
 * @param delisted the perp is delisted on Hyperliquid: the pair keeps its id but is not traded
 */
public record Token(int id, String symbol, String hlCoin, int multExp, String mint, int decimals, boolean delisted) {
    private static final Pattern COIN = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern MINT = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");

    public Token {
        if (symbol == null || symbol.isBlank() || symbol.length() > 32) {
            throw new IllegalArgumentException("token symbol must be 1-32 characters: '" + symbol + "'");
        }
        if (hlCoin == null || !COIN.matcher(hlCoin).matches()) {
            throw new IllegalArgumentException("Hyperliquid coin must be 1-20 letters/digits: '" + hlCoin + "'");
        }
        if (multExp != 0 && multExp != 3) {
            throw new IllegalArgumentException("contract multiplier exponent must be 0 or 3: " + multExp);
        }
        if (mint == null || !MINT.matcher(mint).matches()) {
            throw new IllegalArgumentException("not a Solana mint address: '" + mint + "'");
        }
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be in [0, 18]: " + decimals);
        }
    }

    /** A listed pair. */
    public Token(int id, String symbol, String hlCoin, int multExp, String mint, int decimals) {
        this(id, symbol, hlCoin, multExp, mint, decimals, false);
    }

    /** The same pair with the delisted flag set or cleared. */
    public Token withDelisted(boolean flag) {
        return new Token(id, symbol, hlCoin, multExp, mint, decimals, flag);
    }

    /** True if both describe the same pair the same way (ids and the delisted flag aside). */
    public boolean samePair(Token o) {
        return symbol.equals(o.symbol) && hlCoin.equals(o.hlCoin) && multExp == o.multExp && mint.equals(o.mint)
                && decimals == o.decimals;
    }

    /** Tokens per contract: 1 or 1000. */
    public long multiplier() {
        return multExp == 3 ? 1000 : 1;
    }

    /** The same token with another id. */
    public Token withId(int newId) {
        return new Token(newId, symbol, hlCoin, multExp, mint, decimals, delisted);
    }
}
