package io.perpspot.engine.feed.jupiter;

import static io.perpspot.engine.config.Settings.JUP_MAX_BODY;
import static io.perpspot.engine.config.Settings.JUP_QUOTE;
import static io.perpspot.engine.config.Settings.JUP_QUOTE_NOTIONALS;
import static io.perpspot.engine.config.Settings.JUP_QUOTE_SLIPPAGE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.perpspot.engine.codec.JupiterQuoteDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.jupiter.RequestOutcomes.Outcome;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Jupiter quote ladders ({@code GET /swap/v1/quote}, ExactIn) for the spot side: for one
 * token at a time, for each configured notional, a BUY quote (that many USDC into the token) and
 * then a SELL quote (the tokens that BUY would receive, back into USDC), one request per
 * {@link #fetchNext()} — the caller holds a {@link JupiterLimiter} permit. Each accepted answer
 * is a SPOT_QUOTE event (one ladder rung).
 *
 * <p>Which token next: {@link LadderSchedule} (near-signal tokens at least every minute, then by urgency,
 * nearness being the strategy's |z| / threshold from {@link QuotePriorities}). Before each request the
 * {@link QuoteCache} is consulted. A rung Jupiter cannot route is counted, reported once per token, never
 * guessed, and backed off ({@link NoRouteBackoff}) so that it stops spending the shared budget.
 */
public final class JupiterQuotePoller {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterQuotePoller.class);

    private final String quoteUrl;
    private final long[] notionalsUsd;
    private final int slippageBps;
    private final HttpFetcher http;
    private final FeedStats stats;
    private final StatusPublisher status;
    private final EpochNanoClock clock;
    private final JupiterLimiter limiter;
    private final QuoteCache cache;
    private final QuotePriorities priorities;
    private final JupiterQuoteDecoder decoder;
    private final BitSet reportedNoRoute = new BitSet();

    private volatile TokenRegistry registry;
    private volatile boolean closed;
    private final LadderSchedule schedule = new LadderSchedule();
    private final NoRouteBackoff noRouteBackoff = new NoRouteBackoff();
    private int job = -1;
    private int step;
    private long sellAmount;
    private volatile long requests;
    private volatile long cacheHits;
    private volatile long noRoute;
    private volatile long ladders;
    private final RequestOutcomes outcomes = new RequestOutcomes();

    /**
     * What a quote poller asks for.
     *
     * @param url          the Metis quote endpoint ({@code feeds.jupiter.quote})
     * @param notionalsUsd the ladder's rungs in USD ({@code feeds.jupiter.quote-notionals})
     * @param slippageBps  sent with each request ({@code feeds.jupiter.quote-slippage-bps})
     * @param maxBodyBytes answers longer than this are rejected unread ({@code feeds.jupiter.max-body-bytes})
     */
    public record Settings(String url, List<Long> notionalsUsd, int slippageBps, int maxBodyBytes) {
        /** The engine's quote poller, from the configuration. */
        public static Settings from(Config config) {
            return new Settings(config.get(JUP_QUOTE), config.get(JUP_QUOTE_NOTIONALS), config.get(JUP_QUOTE_SLIPPAGE),
                    (int) (long) config.get(JUP_MAX_BODY));
        }
    }

    /**
     * A poller spending permits of {@code limiter} (the caller acquires them); {@code http}
     * carries the API key if there is one; {@code priorities} may be null (no hint: by age alone).
     */
    public JupiterQuotePoller(Settings settings, TokenRegistry registry, JupiterLimiter limiter, HttpFetcher http,
                              FeedContext out, QuoteCache cache, QuotePriorities priorities) {
        this.quoteUrl = settings.url();
        this.notionalsUsd = settings.notionalsUsd().stream().mapToLong(Long::longValue).sorted().toArray();
        this.slippageBps = settings.slippageBps();
        this.limiter = limiter;
        this.http = http.limitedTo(settings.maxBodyBytes());
        this.stats = out.stats();
        this.status = out.status();
        this.clock = out.clock();
        this.cache = cache;
        this.priorities = priorities;
        this.decoder = new JupiterQuoteDecoder(out.publisher(), stats);
        this.registry = registry;
    }

    /** Switches to a grown token set (rediscovery). */
    public void updateRegistry(TokenRegistry grown) {
        registry = grown;
    }

    /**
     * Makes one quote request of the current ladder (starting the next token's ladder when none is under way);
     * cache hits and backed-off rungs are passed without a request. Call with a limiter permit.
     *
     * @return true if a request was spent, false if there was nothing to ask (the permit is free for prices)
     */
    public boolean fetchNext() {
        TokenRegistry reg = registry;
        for (int guard = 0; guard < 4 * notionalsUsd.length + 2; guard++) {
            if (job < 0 && !pickToken(reg)) {
                return false;
            }
            if (fetchStep(reg.get(job))) {
                return true;
            }
        }
        return false;
    }

    private boolean pickToken(TokenRegistry reg) {
        long now = System.nanoTime();
        int best = schedule.pick(now, reg.size(),
                id -> reg.get(id).delisted() || noRouteBackoff.allPausedAt(id, notionalsUsd.length, now),
                id -> priorities == null ? 0 : priorities.nearness(id));
        if (best < 0) {
            return false;
        }
        job = best;
        step = 0;
        sellAmount = 0;
        return true;
    }

    /** One step of the ladder of {@code t}; true if it spent a request. */
    private boolean fetchStep(Token t) {
        int rung = step / 2;
        int side = step % 2 == 0 ? QuoteSide.BUY : QuoteSide.SELL;
        long notional = notionalsUsd[rung];
        long amount = side == QuoteSide.BUY
                ? notional * FixedPoint.pow10(JupiterQuoteDecoder.USDC_DECIMALS) : sellAmount;
        String in = side == QuoteSide.BUY ? JupiterQuoteDecoder.USDC_MINT : t.mint();
        String out = side == QuoteSide.BUY ? t.mint() : JupiterQuoteDecoder.USDC_MINT;
        boolean spent = false;
        boolean ok = false;
        long outFromCache = 0; // raw amounts are u64 (unsigned bits): 0 is "none"
        if (amount != 0 && !noRouteBackoff.pausedAt(t.id(), rung, System.nanoTime())) {
            byte[] cached = cache.get(in, out, amount);
            outFromCache = cached == null ? 0 : outAmount(cached);
            if (outFromCache != 0) {
                // Saves the request; not journaled (the rung journaled when it was fetched stays).
                cacheHits++;
            } else {
                spent = true;
                ok = request(t, in, out, amount, side, notional);
            }
        }
        if (side == QuoteSide.BUY) {
            sellAmount = outFromCache != 0 ? outFromCache : ok ? decoder.lastOutAmount() : 0;
        }
        advance();
        return spent;
    }

    private void advance() {
        step++;
        if (step >= 2 * notionalsUsd.length) {
            schedule.laddered(job, System.nanoTime());
            ladders++;
            job = -1;
        }
    }

    private boolean request(Token t, String in, String out, long amount, int side, long notional) {
        String url = quoteUrl + (quoteUrl.contains("?") ? '&' : '?') + "inputMint=" + in + "&outputMint=" + out
                + "&amount=" + Long.toUnsignedString(amount) + "&slippageBps=" + slippageBps + "&swapMode=ExactIn";
        requests++;
        HttpFetcher.Response r;
        try {
            r = http.get(url);
        } catch (HttpFetcher.FetchException e) {
            if (!closed) { // a request cut short by shutdown is not a source failure
                outcomes.add(Outcome.NO_ANSWER);
                status.publish(Source.JUPITER_QUOTE, SourceState.DOWN, e.getMessage());
            }
            return false;
        }
        if (r.oversize()) {
            stats.reject(Source.JUPITER_QUOTE, Reject.OVERSIZE, null, 0, 0, http.overCap(r));
            outcomes.add(Outcome.OVERSIZE);
            return false;
        }
        limiter.onResponse(r);
        if (r.status() == 200) {
            boolean ok = decode(r.body(), t, side, notional, amount, Source.JUPITER_QUOTE);
            outcomes.add(ok ? Outcome.OK : Outcome.MALFORMED);
            if (ok) {
                noRouteBackoff.quoted(t.id(), step / 2);
                cache.put(in, out, amount, r.body());
                status.publish(Source.JUPITER_QUOTE, SourceState.UP, "quotes from " + HttpFetcher.safeUrl(quoteUrl));
            }
            return ok;
        }
        String body = new String(r.body(), 0, Math.min(r.body().length, 400), StandardCharsets.UTF_8);
        if (r.status() == 400
                && (body.contains("ROUTE") || body.contains("NOT_TRADABLE") || body.contains("MARKET_NOT_FOUND"))) {
            noRoute++;
            outcomes.add(Outcome.NO_ROUTE);
            noRouteBackoff.noRoute(t.id(), step / 2, System.nanoTime());
            stats.reject(Source.JUPITER_QUOTE, Reject.SERVER_ERROR, r.body(), 0, r.body().length, "no route");
            if (!reportedNoRoute.get(t.id())) {
                reportedNoRoute.set(t.id());
                LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(Source.JUPITER_QUOTE))
                        .addKeyValue(LogKeys.TOKEN, t.symbol())
                        .log("jupiter: no route for {} ({}) at ${} {}; reported, not guessed", t.symbol(), t.mint(),
                                notional, side == QuoteSide.BUY ? "buy" : "sell");
            }
            return false;
        }
        stats.reject(Source.JUPITER_QUOTE, Reject.HTTP_STATUS, r.body(), 0, r.body().length,
                Integer.toString(r.status()));
        outcomes.add(r.status() == 429 ? Outcome.RATE_LIMITED : Outcome.ERROR);
        if (r.status() != 429) {
            status.publish(Source.JUPITER_QUOTE, SourceState.DOWN, "HTTP " + r.status() + " from "
                    + HttpFetcher.safeUrl(quoteUrl));
        }
        return false;
    }

    /** The {@code outAmount} of a cached answer (raw units, u64 as unsigned bits), or 0 if it has none. */
    static long outAmount(byte[] body) {
        try (JsonParser p = OUT_AMOUNT_JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("outAmount".equals(name) && v == JsonToken.VALUE_STRING) {
                    String text = p.getText();
                    return text.isEmpty() || text.charAt(0) == '+' ? 0 : Long.parseUnsignedLong(text);
                }
                p.skipChildren();
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static final JsonFactory OUT_AMOUNT_JSON = new JsonFactory();

    private boolean decode(byte[] body, Token t, int side, long notional, long amount, int source) {
        return decoder.decode(body, 0, body.length, t.id(), t.mint(), t.decimals(), side,
                notional * FixedPoint.SIZE_SCALE, amount, source, clock.nanoTime());
    }

    /** Stops reporting failures (the scheduler is shutting down). */
    public void close() {
        closed = true;
    }

    /** Quote requests sent so far (answered or not); rungs found in the cache are not requests. */
    public long requests() {
        return requests;
    }

    /** Rungs answered by the {@link QuoteCache} instead of a request (not journaled again). */
    public long cacheHits() {
        return cacheHits;
    }

    /** How the quote requests ended, by outcome. */
    public RequestOutcomes outcomes() {
        return outcomes;
    }

    /** Quote requests Jupiter answered with no route. */
    public long noRoute() {
        return noRoute;
    }

    /** Ladders completed (every rung attempted). */
    public long ladders() {
        return ladders;
    }
}
