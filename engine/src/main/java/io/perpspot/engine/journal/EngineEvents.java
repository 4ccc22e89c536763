package io.perpspot.engine.journal;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.Token;

/**
 * Builds the engine's own input events: EngineStart (strategy parameters) and TokenDef (one
 * tracked pair). Readers turn a TokenDef back into a {@link Token} with {@link #token}.
 */
public final class EngineEvents {
    private EngineEvents() {
    }

    /** EngineStart header comment naming the engine: {@code # engine.id=<id>}. */
    public static final String ENGINE_ID_KEY = "engine.id";
    /** EngineStart header comment naming the engine's shard: {@code # tokens.shard=all|K/N}. */
    public static final String SHARD_KEY = "tokens.shard";

    /**
     * A header line of an EngineStart text: a comment ({@code # key=value}), so the strategy (and every older
     * reader) skips it and replay is unchanged; {@link #headerValue} reads it back.
     */
    public static String headerLine(String key, String value) {
        return "# " + key + "=" + value + "\n";
    }

    /** The value of the header line {@code # key=value} of an EngineStart text, or null when it has none. */
    public static String headerValue(String engineStartText, String key) {
        String prefix = "# " + key + "=";
        for (String line : engineStartText.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** Fills {@code e} as an EngineStart carrying the strategy parameter text. */
    public static MarketEvent engineStart(MarketEvent e, String strategyText, long recvNanos) {
        if (!MarketEvent.fitsText(strategyText)) {
            // Truncating would journal parameters the run did not use: refuse instead.
            throw new IllegalArgumentException("strategy parameters exceed " + MarketEvent.MAX_TEXT + " bytes");
        }
        e.reset();
        e.type = EventType.ENGINE_START;
        e.source = Source.ENGINE;
        e.recvNanos = recvNanos;
        e.setText(strategyText);
        return e;
    }

    /** Fills {@code e} as a TokenDef of {@code t}. */
    public static MarketEvent tokenDef(MarketEvent e, Token t, long recvNanos) {
        e.reset();
        e.type = EventType.TOKEN_DEF;
        e.source = Source.ENGINE;
        e.recvNanos = recvNanos;
        e.tokenId = t.id();
        e.multExp = t.multExp();
        e.decimals = t.decimals();
        e.tokenFlags = t.delisted() ? MarketEvent.TOKEN_DELISTED : 0;
        e.setText(t.symbol() + "|" + t.hlCoin() + "|" + t.mint());
        return e;
    }

    /** The token a TokenDef event defines. */
    public static Token token(MarketEvent e) {
        if (e.type != EventType.TOKEN_DEF) {
            throw new IllegalArgumentException("not a TokenDef: " + EventType.name(e.type));
        }
        String[] f = e.textString().split("\\|", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("malformed TokenDef text: " + e.textString());
        }
        return new Token(e.tokenId, f[0], f[1], e.multExp, f[2], e.decimals,
                (e.tokenFlags & MarketEvent.TOKEN_DELISTED) != 0);
    }

    /** Discovery trigger: the round at engine start. */
    public static final int DISCOVERY_START = 1;
    /** Discovery trigger: a periodic refresh while running. */
    public static final int DISCOVERY_REFRESH = 2;

    /** Fills {@code e} as a Discovery record: the outcome of one round (its TokenDefs precede it). */
    public static MarketEvent discovery(MarketEvent e, int trigger, int pairs, int added, int delisted, String how,
                                        long recvNanos) {
        e.reset();
        e.type = EventType.DISCOVERY;
        e.source = Source.ENGINE;
        e.recvNanos = recvNanos;
        e.status = trigger;
        e.discoveredPairs = pairs;
        e.discoveredAdded = added;
        e.discoveredDelisted = delisted;
        e.setText(how);
        return e;
    }
}
