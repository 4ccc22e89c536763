package io.perpspot.engine.feed.fallback;

import static io.perpspot.engine.config.Settings.HL_REST;
import static io.perpspot.engine.config.Settings.HL_REST_BOOKS_PER_POLL;
import static io.perpspot.engine.config.Settings.HL_REST_POLL_INTERVAL;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Polls the Hyperliquid {@code info} endpoint when both WebSockets are down: each poll asks for
 * {@code allMids} (weight 2) and {@code metaAndAssetCtxs} (weight 20), and for the
 * {@code l2Book} (weight 2) of the next {@code booksPerPoll} coins in turn, the matched Hyperliquid spot pairs
 * ({@code @142}) after the perps (their books carry source {@code hl-spot}). Answers are wrapped
 * into the WebSocket envelopes and decoded by the same {@link HyperliquidDecoder}, so REST
 * prices pass the same checks and carry source {@code hl-rest}. On failure the next poll moves to
 * the next info URL. At the defaults (2 s, 4 books) that is 30 × 30 = 900 of the 1200 weight
 * per minute Hyperliquid allows per IP.
 */
public final class HyperliquidRestTier extends PollingTier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final List<String> urls;
    private volatile TokenRegistry registry;
    private final HttpFetcher http;
    private volatile HyperliquidDecoder decoder;
    private final EventPublisher out;
    private final EpochNanoClock clock;
    private final int booksPerPoll;
    private int urlIndex;
    private int bookCursor;

    /**
     * How the REST tier polls.
     *
     * @param urls         the info endpoints, tried in turn after a failure ({@code feeds.hyperliquid.rest})
     * @param interval     between successful polls ({@code feeds.hyperliquid.rest-poll-interval})
     * @param booksPerPoll l2Books asked for per poll ({@code feeds.hyperliquid.rest-books-per-poll})
     * @param backoff      the retry delays after a failed poll ({@code feeds.backoff})
     */
    public record Settings(List<String> urls, Duration interval, int booksPerPoll, Backoff.Bounds backoff) {
        /** The engine's REST tier, from the configuration. */
        public static Settings from(Config config) {
            return new Settings(config.get(HL_REST), config.get(HL_REST_POLL_INTERVAL),
                    config.get(HL_REST_BOOKS_PER_POLL), Backoff.Bounds.from(config));
        }
    }

    /** A tier journaled as {@code hl-rest}, publishing to {@code out.publisher()} (the chain's gate). */
    public HyperliquidRestTier(Settings settings, TokenRegistry registry, HttpFetcher http, FeedContext out,
                               ScheduledExecutorService thread, Health health) {
        super(Source.HL_REST, settings.interval(), settings.backoff(), out.stats(), thread, health);
        this.urls = List.copyOf(settings.urls());
        this.registry = registry;
        this.http = http;
        this.clock = out.clock();
        this.booksPerPoll = settings.booksPerPoll();
        this.out = out.publisher();
        this.decoder = new HyperliquidDecoder(registry, source, this.out, stats);
    }

    /** Pairs added by a rediscovery: the next poll covers them (a fresh decoder for the grown set). */
    public void updateRegistry(TokenRegistry next) {
        decoder = new HyperliquidDecoder(next, source, out, stats);
        registry = next;
    }

    @Override
    protected String pollOnce() {
        String url = urls.get(urlIndex);
        try {
            return poll(url);
        } catch (PollFailure | HttpFetcher.FetchException e) {
            urlIndex = (urlIndex + 1) % urls.size();
            throw e;
        }
    }

    private String poll(String url) {
        // allMids: a flat map → {"channel":"allMids","data":{"mids":…}}
        HttpFetcher.Response r = http.postJson(url, "{\"type\":\"allMids\"}");
        check(r, "allMids");
        long before = stats.rejects(source);
        decode(Endpoint.ALL_MIDS, r);
        if (stats.rejects(source) != before) {
            throw new PollFailure(url + ": allMids answer rejected");
        }
        int ctxs = ctxs(url);
        int books = 0;
        List<String> bookCoins = bookCoins(registry);
        int n = bookCoins.size();
        for (int k = 0; k < booksPerPoll && k < n; k++) {
            String coin = bookCoins.get(bookCursor++ % n);
            HttpFetcher.Response b = http.postJson(url, "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\"}");
            check(b, "l2Book " + coin);
            if (isNull(b)) {
                // 200 null: the venue does not know the coin (protocols.md §2.1)
                stats.reject(source, Reject.UNKNOWN_COIN, b.body(), 0, b.body().length,
                        "l2Book " + coin + " answered null");
                continue;
            }
            decode(Endpoint.L2_BOOK, b);
            books++;
        }
        return url + ": mids, " + ctxs + " asset contexts, " + books + " books";
    }

    /** The coins whose l2Book the polls take in turn: every perp coin, then every matched spot pair ({@code @142}). */
    static List<String> bookCoins(TokenRegistry registry) {
        List<String> out = new ArrayList<>(registry.size() + registry.spotPairs().size());
        for (int id = 0; id < registry.size(); id++) {
            out.add(registry.get(id).hlCoin());
        }
        out.addAll(registry.spotPairs().values());
        return out;
    }

    /** metaAndAssetCtxs → one activeAssetCtx frame per tracked coin (ctxs are aligned with the universe). */
    private int ctxs(String url) {
        HttpFetcher.Response r = http.postJson(url, "{\"type\":\"metaAndAssetCtxs\"}");
        check(r, "metaAndAssetCtxs");
        JsonNode root;
        try {
            root = JSON.readTree(r.body());
        } catch (IOException e) {
            stats.reject(source, Reject.MALFORMED_JSON, r.body(), 0, r.body().length, "metaAndAssetCtxs");
            throw new PollFailure(url + ": metaAndAssetCtxs is not JSON");
        }
        JsonNode universe = root != null && root.isArray() && root.size() == 2 ? root.get(0).get("universe") : null;
        JsonNode ctxs = universe == null ? null : root.get(1);
        if (universe == null || !universe.isArray() || ctxs == null || !ctxs.isArray()
                || ctxs.size() != universe.size()) {
            stats.reject(source, Reject.WRONG_TYPE, r.body(), 0, r.body().length, "metaAndAssetCtxs shape");
            throw new PollFailure(url + ": metaAndAssetCtxs is not [meta, ctxs] of equal length");
        }
        int n = 0;
        for (int i = 0; i < universe.size(); i++) {
            JsonNode name = universe.get(i).get("name");
            if (name == null || !name.isTextual() || registry.idByCoin(name.asText()) == CharIndex.MISSING) {
                continue;
            }
            String frame = "{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":" + name + ",\"ctx\":" + ctxs.get(i)
                    + "}}";
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            decoder.onFrame(bytes, 0, bytes.length, clock.nanoTime());
            n++;
        }
        return n;
    }

    private void decode(Endpoint endpoint, HttpFetcher.Response r) {
        byte[] bytes = envelope(endpoint, r.body(), r.body().length);
        if (bytes == null) {
            stats.reject(source, Reject.MALFORMED_JSON, r.body(), 0, r.body().length,
                    endpoint.name() + " answer is not one JSON object");
            return;
        }
        decoder.onFrame(bytes, 0, bytes.length, clock.nanoTime());
    }

    /** The {@code info} answers decoded by the WebSocket decoder, with the envelope that makes them a frame. */
    public enum Endpoint {
        /** {@code {"type":"allMids"}}: a flat map → {@code {"channel":"allMids","data":{"mids":…}}}. */
        ALL_MIDS("{\"channel\":\"allMids\",\"data\":{\"mids\":", "}}"),
        /** {@code {"type":"l2Book"}}: the book → {@code {"channel":"l2Book","data":…}}. */
        L2_BOOK("{\"channel\":\"l2Book\",\"data\":", "}");

        private final byte[] prefix;
        private final byte[] suffix;

        Endpoint(String prefix, String suffix) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
            this.suffix = suffix.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * The answer wrapped as a WebSocket frame of its endpoint, or null when the body is not
     * exactly one JSON object: pasted into the envelope as text, anything else (a body such as
     * {@code {}},"channel":"bbo","data":{…}}) could close the envelope early and rewrite the
     * frame's channel. Found by {@code HyperliquidRestFuzzTest}; REST is a fallback path, so the
     * extra streaming pass is cheap enough.
     */
    public static byte[] envelope(Endpoint endpoint, byte[] body, int len) {
        if (!isOneObject(body, len)) {
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(len + 64);
        b.writeBytes(endpoint.prefix);
        b.write(body, 0, len);
        b.writeBytes(endpoint.suffix);
        return b.toByteArray();
    }

    private static boolean isOneObject(byte[] body, int len) {
        try (JsonParser p = JSON.getFactory().createParser(body, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isNull(HttpFetcher.Response r) {
        String s = new String(r.body(), StandardCharsets.US_ASCII).trim();
        return s.equals(new String(NULL, StandardCharsets.US_ASCII));
    }
}
