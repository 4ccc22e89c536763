package io.perpspot.engine.feed.sim;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Venues;

/**
 * {@code --feed sim}: the {@link SimVenues} on loopback, registered in
 * {@code META-INF/services/io.perpspot.engine.feed.Venues$Provider}; the only place outside
 * {@code feed.sim} that names them.
 */
public final class SimVenuesProvider implements Venues.Provider {
    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Venues start(Config config) {
        SimVenues venues = SimVenues.start(config);
        return new Venues() {
            @Override
            public Config configure(Config c) {
                return c.with(Settings.HL_WS, String.join(",", venues.wsUrls()))
                        .with(Settings.HL_REST, String.join(",", venues.infoUrls()))
                        .with(Settings.FALLBACK_COINGECKO, venues.coingecko().url())
                        .with(Settings.FALLBACK_KRAKEN, venues.kraken().url())
                        .with(Settings.JUP_PRICE, venues.priceUrl())
                        .with(Settings.JUP_QUOTE, venues.quoteUrl())
                        .with(Settings.JUP_TOKENS, venues.tokensUrl())
                        .with(Settings.JUP_RATE, String.valueOf(c.get(Settings.SIM_JUP_RATE)));
            }

            @Override
            public boolean acceptsCredentials() {
                return false;
            }

            @Override
            public String describe() {
                return "Hyperliquid at " + venues.wsUrl() + " (testnet " + venues.wsUrls().get(1) + "), Jupiter at "
                        + venues.priceUrl() + ", CoinGecko at " + venues.coingecko().url() + ", Kraken at "
                        + venues.kraken().url();
            }

            @Override
            public void close() {
                venues.close();
            }
        };
    }
}
