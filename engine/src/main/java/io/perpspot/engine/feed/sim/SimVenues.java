package io.perpspot.engine.feed.sim;

import io.perpspot.engine.config.Config;

/** Temporary stand-in until the sim venues land (same public API). */
public final class SimVenues implements AutoCloseable {
    private SimVenues() {
    }

    public static SimVenues start(Config config) {
        throw new UnsupportedOperationException("sim venues are not built yet");
    }

    public String wsUrl() {
        return null;
    }

    public String infoUrl() {
        return null;
    }

    public String priceUrl() {
        return null;
    }

    public String quoteUrl() {
        return null;
    }

    public String tokensUrl() {
        return null;
    }

    @Override
    public void close() {
    }
}
