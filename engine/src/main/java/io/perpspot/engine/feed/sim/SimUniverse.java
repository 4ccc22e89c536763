package io.perpspot.engine.feed.sim;

import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenTable;
import io.perpspot.engine.tokens.ValidatedTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Builds the simulated world from the class path: the pairs of {@code /perpspot-defaults/tokens.csv}
 * (read with {@link TokenTable}), then pairs taken from {@link ValidatedTokens} (the
 * Jupiter validated token list), plus Hyperliquid-only coins, coins delisted on Hyperliquid and
 * Solana-only tokens. Every number is drawn from the seed, in a fixed order.
 */
final class SimUniverse {
    static final String TOKENS_RESOURCE = "/perpspot-defaults/tokens.csv";
    /** Contracts of tokens cheaper than this are priced per 1000 tokens (kBONK). */
    static final double K_CONTRACT_BELOW = 0.001;

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,10}");
    private static final Pattern MINT = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");
    /** Symbols never taken from the validated list: quote coins and names the world uses otherwise. */
    private static final Set<String> RESERVED = Set.of("USDC", "USDT", "HYPE", "DOGE", "PEPE", "MATIC",
            "AI16Z", "MYRO", "RAY", "ORCA", "PURR");

    /** Realistic starting points of the tokens.csv pairs: price per token, vol, liquidity, level USD, leverage. */
    private static final Map<String, double[]> KNOWN = new HashMap<>();

    static {
        known("SOL", 120, 0.75, 9e8, 80_000, 20);
        known("BTC", 84_000, 0.45, 6e7, 400_000, 40);
        known("ETH", 3_000, 0.6, 4e7, 200_000, 25);
        known("JUP", 0.5, 0.9, 8e6, 20_000, 10);
        known("kBONK", 0.0000216, 1.0, 1.2e7, 20_000, 10);
        known("WIF", 0.8, 1.2, 6e6, 25_000, 10);
        known("PYTH", 0.12, 1.0, 3e6, 10_000, 10);
        known("JTO", 1.6, 1.0, 3e6, 10_000, 10);
        known("W", 0.08, 1.1, 1.5e6, 6_000, 10);
        known("TNSR", 0.15, 1.2, 8e5, 4_000, 5);
        known("POPCAT", 0.3, 1.3, 2e6, 8_000, 10);
        known("BOME", 0.0012, 1.3, 2e6, 8_000, 10);
        known("MEW", 0.0025, 1.3, 1.5e6, 6_000, 5);
        known("IO", 0.5, 1.2, 6e5, 4_000, 5);
        known("RENDER", 2.5, 1.0, 2e6, 8_000, 10);
        known("TRUMP", 6.0, 1.1, 3e7, 30_000, 10);
        known("MELANIA", 0.15, 1.3, 2e6, 6_000, 5);
        known("PENGU", 0.012, 1.3, 8e6, 20_000, 10);
        known("FARTCOIN", 0.35, 1.4, 1e7, 25_000, 10);
        known("GOAT", 0.05, 1.4, 1e6, 5_000, 5);
        known("PNUT", 0.12, 1.4, 1.5e6, 6_000, 5);
        known("MOODENG", 0.09, 1.4, 1.2e6, 5_000, 5);
        known("CHILLGUY", 0.03, 1.5, 8e5, 4_000, 5);
        known("ZEREBRO", 0.02, 1.5, 5e5, 3_000, 3);
        known("GRIFFAIN", 0.02, 1.5, 5e5, 3_000, 3);
        known("SPX", 0.7, 1.3, 5e6, 12_000, 10);
        known("VINE", 0.04, 1.5, 6e5, 3_000, 3);
        known("ME", 0.4, 1.1, 1e6, 5_000, 5);
        known("PUMP", 0.004, 1.3, 1.5e7, 30_000, 10);
        known("LAYER", 0.25, 1.2, 1e6, 5_000, 5);
        known("MET", 0.4, 1.2, 3e6, 8_000, 5);
        known("GRASS", 0.4, 1.2, 1e6, 5_000, 5);
        known("DOOD", 0.007, 1.4, 5e5, 3_000, 3);
        // Hyperliquid-only and delisted coins.
        known("HYPE", 40, 1.0, 0, 150_000, 10);
        known("DOGE", 0.17, 0.9, 0, 60_000, 10);
        known("kPEPE", 0.0000044, 1.1, 0, 30_000, 10);
        known("AI16Z", 0.19, 1.4, 8e5, 0, 5);
        known("MYRO", 0.02, 1.5, 3e5, 0, 5);
    }

    /** All assets: pairs first (index = token id), then the others. */
    final List<SimAsset> assets;
    /** The tradable pairs, ids 0..n-1. */
    final List<Token> tokens;
    /** Hyperliquid meta universe order. */
    final List<SimAsset> meta;

    private SimUniverse(List<SimAsset> assets, List<Token> tokens, List<SimAsset> meta) {
        this.assets = Collections.unmodifiableList(assets);
        this.tokens = Collections.unmodifiableList(tokens);
        this.meta = Collections.unmodifiableList(meta);
    }

    private static void known(String coin, double price, double vol, double liquidity, double levelUsd, int lev) {
        KNOWN.put(coin, new double[] {price, vol, liquidity, levelUsd, lev});
    }

    /** Builds a world with exactly {@code size} tradable pairs. */
    static SimUniverse build(long seed, int size) {
        if (size < 1 || size > 700) {
            throw new IllegalArgumentException("sim.tokens must be in [1, 700]: " + size);
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom pick = root.split();
        SplittableRandom params = root.split();

        List<Token> csv = readTokensCsv();
        List<ValidatedTokens.Entry> validated = ValidatedTokens.shipped();
        Map<String, String> namesByMint = new HashMap<>();
        for (ValidatedTokens.Entry v : validated) {
            namesByMint.putIfAbsent(v.mint(), v.name());
        }

        List<SimAsset> assets = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        Set<String> usedSymbols = new HashSet<>(RESERVED);
        Set<String> usedCoins = new HashSet<>(List.of("HYPE", "DOGE", "KPEPE", "MATIC", "AI16Z", "MYRO"));
        Set<String> usedMints = new HashSet<>(List.of(SpotOnly.USDC.mint, SpotOnly.USDT.mint, SpotOnly.RAY.mint,
                SpotOnly.ORCA.mint, Delisted.AI16Z_MINT, Delisted.MYRO_MINT));
        Map<SimAsset, Double> startPrice = new HashMap<>();

        for (Token t : csv) {
            if (tokens.size() == size) {
                break;
            }
            Token token = t.withId(tokens.size());
            SimAsset a = new SimAsset(assets.size(), SimAsset.Kind.PAIR, token.symbol(),
                    namesByMint.getOrDefault(token.mint(), token.symbol()), token.hlCoin(), token.mint(),
                    token.decimals(), token.multExp(), token);
            double[] k = KNOWN.get(token.hlCoin());
            startPrice.put(a, k != null ? k[0] : token.multExp() == 3
                    ? logUniform(pick, 1e-6, K_CONTRACT_BELOW) : logUniform(pick, K_CONTRACT_BELOW, 100));
            assets.add(a);
            tokens.add(token);
            usedSymbols.add(token.symbol().toUpperCase(Locale.ROOT));
            usedCoins.add(token.hlCoin().toUpperCase(Locale.ROOT));
            usedMints.add(token.mint());
        }
        for (ValidatedTokens.Entry v : validated) {
            if (tokens.size() == size) {
                break;
            }
            String symbol = v.symbol().toUpperCase(Locale.ROOT);
            if (!SYMBOL.matcher(symbol).matches() || usedSymbols.contains(symbol)
                    || !MINT.matcher(v.mint()).matches() || usedMints.contains(v.mint())) {
                continue;
            }
            int decimals = v.decimals();
            if (decimals < 0 || decimals > 18) {
                continue;
            }
            double price = logUniform(pick, 1e-6, 100);
            boolean kContract = price < K_CONTRACT_BELOW;
            String coin = kContract ? "k" + symbol : symbol;
            if (usedCoins.contains(coin.toUpperCase(Locale.ROOT))) {
                continue;
            }
            Token token = new Token(tokens.size(), symbol, coin, kContract ? 3 : 0, v.mint(), decimals);
            // Jupiter keeps the list's own spelling (aeUSDT); the pair and the coin use the upper case.
            SimAsset a = new SimAsset(assets.size(), SimAsset.Kind.PAIR, v.symbol(), v.name(), coin, v.mint(), decimals,
                    token.multExp(), token);
            startPrice.put(a, price);
            assets.add(a);
            tokens.add(token);
            usedSymbols.add(symbol);
            usedCoins.add(coin.toUpperCase(Locale.ROOT));
            usedMints.add(v.mint());
        }
        if (tokens.size() < size) {
            throw new IllegalStateException("the token lists hold only " + tokens.size() + " usable pairs, "
                    + size + " requested");
        }

        SimAsset hype = add(assets, SimAsset.Kind.PERP_ONLY, "HYPE", "Hyperliquid", "HYPE", null, 0, 0);
        SimAsset doge = add(assets, SimAsset.Kind.PERP_ONLY, "DOGE", "Dogecoin", "DOGE", null, 0, 0);
        SimAsset pepe = add(assets, SimAsset.Kind.PERP_ONLY, "PEPE", "Pepe", "kPEPE", null, 0, 3);
        SimAsset matic = add(assets, SimAsset.Kind.DELISTED, "MATIC", "Polygon", "MATIC", null, 0, 0);
        SimAsset ai16z = add(assets, SimAsset.Kind.DELISTED, "AI16Z", "ai16z", "AI16Z", Delisted.AI16Z_MINT, 9, 0);
        SimAsset myro = add(assets, SimAsset.Kind.DELISTED, "MYRO", "Myro", "MYRO", Delisted.MYRO_MINT, 9, 0);
        for (SimAsset a : List.of(hype, doge, pepe, ai16z, myro)) {
            startPrice.put(a, KNOWN.get(a.hlCoin)[0]);
        }
        startPrice.put(matic, 0.3754);
        for (SpotOnly s : SpotOnly.values()) {
            SimAsset a = add(assets, SimAsset.Kind.SPOT_ONLY, s.symbol, s.name, null, s.mint, s.decimals, 0);
            startPrice.put(a, s.price);
        }
        // One copycat: a second token with the symbol of a pair, far less liquid (a discovery trap).
        Token original = tokens.get(Math.min(4, tokens.size() - 1));
        SimAsset copy = add(assets, SimAsset.Kind.SPOT_ONLY, original.symbol(), original.symbol() + " (copy)", null,
                Base58.address(seed, "copycat:" + original.symbol()), 6, 0);
        startPrice.put(copy, logUniform(pick, 1e-5, 0.01));

        for (SimAsset a : assets) {
            SimParameters.assign(a, startPrice.get(a), KNOWN.get(a.hlCoin == null ? "" : a.hlCoin), params);
        }
        for (SpotOnly s : SpotOnly.values()) {
            SimAsset a = find(assets, s.mint);
            a.liquidityUsd = s.liquidity;
            a.annualVol = s.vol;
        }
        copy.liquidityUsd = 20_000;
        matic.frozenMarkMicros = HlNumbers.roundPx(0.37621, matic.szDecimals);
        matic.frozenOracleMicros = HlNumbers.roundPx(0.3754, matic.szDecimals);
        for (SimAsset a : List.of(ai16z, myro)) {
            a.frozenMarkMicros = HlNumbers.roundPx(a.fair * 1.04, a.szDecimals);
            a.frozenOracleMicros = HlNumbers.roundPx(a.fair * 1.03, a.szDecimals);
        }
        for (SimAsset a : List.of(matic, ai16z, myro)) {
            a.prevDayPxMicros = a.frozenMarkMicros;
        }

        List<SimAsset> meta = new ArrayList<>(assets.subList(0, tokens.size()));
        insert(meta, 2, matic);
        insert(meta, 4, hype);
        insert(meta, 6, doge);
        insert(meta, 9, pepe);
        insert(meta, 12, ai16z);
        meta.add(myro);
        return new SimUniverse(assets, tokens, meta);
    }

    private static SimAsset find(List<SimAsset> assets, String mint) {
        for (SimAsset a : assets) {
            if (mint.equals(a.mint)) {
                return a;
            }
        }
        throw new IllegalStateException(mint);
    }

    private static void insert(List<SimAsset> list, int at, SimAsset a) {
        list.add(Math.min(at, list.size()), a);
    }

    private static SimAsset add(List<SimAsset> assets, SimAsset.Kind kind, String symbol, String name, String coin,
                                String mint, int decimals, int multExp) {
        SimAsset a = new SimAsset(assets.size(), kind, symbol, name, coin, mint, decimals, multExp, null);
        assets.add(a);
        return a;
    }

    static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    private static List<Token> readTokensCsv() {
        try (InputStream in = SimUniverse.class.getResourceAsStream(TOKENS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + TOKENS_RESOURCE + " is missing");
            }
            return TokenTable.read(in, TOKENS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real mints of coins Hyperliquid delisted but Solana still trades (protocols.md section 6). */
    static final class Delisted {
        static final String AI16Z_MINT = "HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jwC";
        static final String MYRO_MINT = "HhJpBhRRn4g56VsyLuT8DL5Bv31HkXqsrahTTUCZeZg4";

        private Delisted() {
        }
    }

    /** Solana-only tokens Jupiter lists (mints from the validated list). */
    enum SpotOnly {
        USDC("USDC", "USD Coin", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 6, 0.99995, 0.002, 5e8),
        USDT("USDT", "USDT", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB", 6, 1.0001, 0.002, 2e8),
        RAY("RAY", "Raydium", "4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R", 6, 2.1, 0.9, 1.5e7),
        ORCA("ORCA", "Orca", "orcaEKTdK7LKz57vaAYr9QeNsVEPfiu6QeMU1kektZE", 6, 2.3, 0.9, 6e6);

        final String symbol;
        final String name;
        final String mint;
        final int decimals;
        final double price;
        final double vol;
        final double liquidity;

        SpotOnly(String symbol, String name, String mint, int decimals, double price, double vol, double liquidity) {
            this.symbol = symbol;
            this.name = name;
            this.mint = mint;
            this.decimals = decimals;
            this.price = price;
            this.vol = vol;
            this.liquidity = liquidity;
        }
    }
}
