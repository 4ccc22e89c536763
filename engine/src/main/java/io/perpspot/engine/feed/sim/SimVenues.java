package io.perpspot.engine.feed.sim;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated venues in one box: a {@link SimMarket}, a {@link SimHyperliquidServer} and a
 * {@link SimJupiterServer} on loopback, and the market's stepping schedule, all on one
 * single-thread event loop (the sim shares a small machine with the engine it feeds). Reads the
 * {@code sim.*} keys of the config; writes nothing but network answers.
 *
 * <pre>
 *   sim event loop (1 thread, daemon)
 *     ├─ every sim.tick-interval: market.step()
 *     ├─ Hyperliquid "mainnet": ws://127.0.0.1:P/ws  +  POST http://127.0.0.1:P/info   (pushes at sim.*-interval)
 *     ├─ Hyperliquid "testnet": ws://127.0.0.1:T/ws  +  POST http://127.0.0.1:T/info   (same market)
 *     ├─ Jupiter:     http://127.0.0.1:Q/price/v3 · /swap/v1/quote · /tokens/v2/…
 *     ├─ CoinGecko:   http://127.0.0.1:C/api/v3/simple/price
 *     └─ Kraken:      http://127.0.0.1:K/0/public/Ticker
 * </pre>
 */
public final class SimVenues implements AutoCloseable {
    private final EventLoopGroup group;
    private final SimMarket market;
    private final SimHyperliquidServer hyperliquid;
    private final SimJupiterServer jupiter;
    private final SimHyperliquidServer testnet;
    private final SimCoinGeckoServer coingecko;
    private final SimKrakenServer kraken;

    private SimVenues(EventLoopGroup group, SimMarket market, SimHyperliquidServer hyperliquid,
                      SimJupiterServer jupiter, SimHyperliquidServer testnet, SimCoinGeckoServer coingecko,
                      SimKrakenServer kraken) {
        this.group = group;
        this.market = market;
        this.hyperliquid = hyperliquid;
        this.jupiter = jupiter;
        this.testnet = testnet;
        this.coingecko = coingecko;
        this.kraken = kraken;
    }

    /** Starts everything on ephemeral loopback ports. */
    public static SimVenues start(Config config) {
        return start(config, 0, 0);
    }

    /** Starts everything on the given loopback ports (0 = ephemeral). */
    public static SimVenues start(Config config, int hyperliquidPort, int jupiterPort) {
        SimMarket market = SimMarket.create(config);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("perpspot-sim", true),
                NioIoHandler.newFactory());
        SimHyperliquidServer hl = null;
        SimHyperliquidServer hlTest = null;
        SimJupiterServer jup = null;
        SimCoinGeckoServer cg = null;
        try {
            hl = SimHyperliquidServer.start(market, config, group, hyperliquidPort);
            hlTest = SimHyperliquidServer.start(market, config, group, 0);
            jup = SimJupiterServer.start(market, group, jupiterPort);
            cg = new SimCoinGeckoServer(market, group, 0);
            SimKrakenServer kr = new SimKrakenServer(market, group, 0);
            long tick = config.get(Settings.SIM_TICK).toNanos();
            group.next().scheduleAtFixedRate(market::step, tick, tick, TimeUnit.NANOSECONDS);
            return new SimVenues(group, market, hl, jup, hlTest, cg, kr);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {hl, hlTest, jup, cg}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * {@code c} with every venue URL pointed at these servers, and the Jupiter limiter at
     * {@code sim.jupiter-rate} (the sim has no real limit): what {@code --feed sim} runs on. A test
     * can hand the changed {@code feeds.*} keys to a {@code --feed live} engine as {@code --set}s.
     */
    public Config configure(Config c) {
        return c.with(Settings.HL_WS, String.join(",", wsUrls()))
                .with(Settings.HL_REST, String.join(",", infoUrls()))
                .with(Settings.FALLBACK_COINGECKO, coingecko.url())
                .with(Settings.FALLBACK_KRAKEN, kraken.url())
                .with(Settings.JUP_PRICE, priceUrl())
                .with(Settings.JUP_QUOTE, quoteUrl())
                .with(Settings.JUP_TOKENS, tokensUrl())
                .with(Settings.JUP_RATE, String.valueOf(c.get(Settings.SIM_JUP_RATE)));
    }

    /** {@code ws://127.0.0.1:PORT/ws}. */
    public String wsUrl() {
        return hyperliquid.wsUrl();
    }

    /** {@code http://127.0.0.1:PORT/info}. */
    public String infoUrl() {
        return hyperliquid.infoUrl();
    }

    /** The WebSocket URLs in failover order: the "mainnet" server, then the "testnet" one. */
    public List<String> wsUrls() {
        return List.of(hyperliquid.wsUrl(), testnet.wsUrl());
    }

    /** The info URLs in the same order. */
    public List<String> infoUrls() {
        return List.of(hyperliquid.infoUrl(), testnet.infoUrl());
    }

    /** The second Hyperliquid server, playing testnet (same market). */
    public SimHyperliquidServer hyperliquidTestnet() {
        return testnet;
    }

    /** The simulated CoinGecko ({@code /api/v3/simple/price}), on loopback. */
    public SimCoinGeckoServer coingecko() {
        return coingecko;
    }

    /** The simulated Kraken ({@code /0/public/Ticker}), on loopback. */
    public SimKrakenServer kraken() {
        return kraken;
    }

    /** {@code http://127.0.0.1:PORT/price/v3}. */
    public String priceUrl() {
        return jupiter.priceUrl();
    }

    /** {@code http://127.0.0.1:PORT/swap/v1/quote}. */
    public String quoteUrl() {
        return jupiter.quoteUrl();
    }

    /** {@code http://127.0.0.1:PORT/tokens/v2}. */
    public String tokensUrl() {
        return jupiter.tokensUrl();
    }

    /** The market every venue serves, stepped on the sim event loop. */
    public SimMarket market() {
        return market;
    }

    /** The Hyperliquid server playing mainnet (the first of {@link #wsUrls()}). */
    public SimHyperliquidServer hyperliquid() {
        return hyperliquid;
    }

    /** The Jupiter server (price, quote and token list). */
    public SimJupiterServer jupiter() {
        return jupiter;
    }

    /** Closes both ports and every connection, and stops the sim thread. Call from outside the sim loop. */
    @Override
    public void close() {
        try {
            hyperliquid.close();
            testnet.close();
            jupiter.close();
            coingecko.close();
            kraken.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS)
                    .awaitUninterruptibly(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
