package io.perpspot.engine.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one blocking HTTP client of perpspot (pollers, discovery, fallbacks, {@code history fetch}),
 * over {@code java.net.http}: HTTP/1.1, no redirects, a connect and a request timeout, and a cap
 * on the body so a hostile or broken server cannot make us buffer an unbounded answer (the rest
 * is not read; the answer says it was {@link Response#oversize() oversize}). Fixed headers (an
 * API key) are added with {@link #withHeader}; their values never appear in an error or a log.
 * Transport failures become {@link FetchException} with one line naming the URL without its
 * query or user info ({@link #safeUrl}). Runs on the caller's thread (a scheduler or poll thread,
 * never an I/O or ring thread). Immutable; the derived fetchers share one connection pool.
 */
public final class HttpFetcher {
    /** No cap on the body (discovery's token lists). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final Map<String, String> headers;

    /** A fetcher whose connect and request timeouts are both {@code timeout}, with no cap on the body. */
    public HttpFetcher(Duration timeout) {
        this(timeout, timeout);
    }

    /** A fetcher with its own connect timeout and a time limit for the whole answer's headers. */
    public HttpFetcher(Duration connectTimeout, Duration requestTimeout) {
        this(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build(), requestTimeout, UNLIMITED, Map.of());
    }

    private HttpFetcher(HttpClient client, Duration requestTimeout, int maxBodyBytes, Map<String, String> headers) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.headers = headers;
    }

    /** The same client, reading at most {@code bytes} of each body. */
    public HttpFetcher limitedTo(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("body limit must not be negative: " + bytes);
        }
        return new HttpFetcher(client, requestTimeout, bytes, headers);
    }

    /** The same client, sending {@code name: value} with every request (the value is never shown). */
    public HttpFetcher withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpFetcher(client, requestTimeout, maxBodyBytes, Map.copyOf(h));
    }

    /** The same client sending {@code x-api-key: key}, or this one when there is no key (null or blank). */
    public HttpFetcher withApiKey(String key) {
        return key == null || key.isBlank() ? this : withHeader("x-api-key", key);
    }

    /** Whether every request carries the header {@code name} (e.g. an API key), without showing its value. */
    public boolean sends(String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** Why an {@link Response#oversize() oversize} answer of this fetcher is refused, in one line. */
    public String overCap(Response r) {
        return r.url() + ": body over " + maxBodyBytes + " bytes";
    }

    /** GET with this fetcher's headers. */
    public Response get(String url) {
        return get(url, Map.of());
    }

    /** GET with this fetcher's headers and {@code extra} ones. */
    public Response get(String url, Map<String, String> extra) {
        HttpRequest.Builder b = request(url).GET();
        extra.forEach(b::header);
        return send(b, url);
    }

    /** POST of a JSON body with this fetcher's headers. */
    public Response postJson(String url, String json) {
        return send(request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), url);
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new FetchException(safeUrl(url) + ": not a valid URL");
        }
        headers.forEach(b::header);
        return b.timeout(requestTimeout);
    }

    private Response send(HttpRequest.Builder b, String url) {
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = maxBodyBytes == UNLIMITED ? in.readAllBytes() : in.readNBytes(maxBodyBytes + 1);
                boolean oversize = body.length > maxBodyBytes;
                return new Response(safeUrl(url), r.statusCode(), oversize ? Arrays.copyOf(body, maxBodyBytes) : body,
                        oversize, r.headers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(safeUrl(url) + ": interrupted");
        } catch (IOException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root.getMessage();
            throw new FetchException(safeUrl(url) + ": " + root.getClass().getSimpleName()
                    + (msg == null ? "" : " " + msg));
        }
    }

    /**
     * The URL as it may be shown: without its query (mint lists make log lines unreadable, and a
     * query may carry a key), its fragment or user info.
     */
    public static String safeUrl(String url) {
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String s = url.substring(0, end);
        int scheme = s.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int slash = s.indexOf('/', hostStart);
        int at = s.lastIndexOf('@', slash < 0 ? s.length() - 1 : slash);
        return at >= hostStart ? s.substring(0, hostStart) + s.substring(at + 1) : s;
    }

    /**
     * An answer: its status, its body (at most the fetcher's cap; {@code oversize} when the server
     * sent more) and its headers.
     *
     * @param url      the request's URL as it may be shown ({@link #safeUrl})
     * @param status   the HTTP status
     * @param body     the body, cut at the cap
     * @param oversize whether the body was longer than the cap
     * @param headers  the response headers
     */
    public record Response(String url, int status, byte[] body, boolean oversize, HttpHeaders headers) {
        private static final long MAX_RETRY_AFTER_SECONDS = 86_400;

        /** A header as a long, or {@code fallback} if absent or not a number. */
        public long headerLong(String name, long fallback) {
            return headers.firstValue(name).map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }).orElse(fallback);
        }

        /**
         * The wait a {@code Retry-After} header asks for (delay seconds, or an HTTP date less
         * {@code nowEpochMillis}; never negative, at most a day), or null when there is none or
         * it cannot be read.
         */
        public Duration retryAfter(long nowEpochMillis) {
            String v = headers.firstValue("Retry-After").map(String::trim).orElse("");
            if (v.isEmpty()) {
                return null;
            }
            long seconds;
            if (v.chars().allMatch(Character::isDigit)) {
                seconds = v.length() > 6 ? MAX_RETRY_AFTER_SECONDS : Long.parseLong(v);
            } else {
                try {
                    long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                    seconds = Math.max(0, (at - nowEpochMillis + 999) / 1000);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            return Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
        }

        /** The first {@code max} bytes of the body as text on one line (for an error message). */
        public String text(int max) {
            return new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8)
                    .replace('\n', ' ').replace('\r', ' ');
        }
    }

    /** A request that did not produce an answer; the message is one line naming the URL. */
    public static class FetchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FetchException(String message) {
            super(message, null, false, false);
        }
    }
}
