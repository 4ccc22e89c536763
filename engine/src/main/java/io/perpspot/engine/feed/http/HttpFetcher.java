package io.perpspot.engine.feed.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Blocking HTTP GET/POST for the pollers and discovery (scheduler thread, never the I/O or
 * ring threads). Every call has a timeout; transport failures become {@link FetchException}
 * with a one-line reason. Header values (API keys) are never logged.
 */
public final class HttpFetcher {
    private final HttpClient client;
    private final Duration timeout;

    public HttpFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A response: status, body bytes and headers. */
    public record Response(int status, byte[] body, HttpHeaders headers) {
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
    }

    public Response get(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(b::header);
        return send(b.build(), url);
    }

    public Response postJson(String url, String json) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return send(req, url);
    }

    private Response send(HttpRequest req, String url) {
        try {
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(stripQuery(url) + ": interrupted");
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root.getMessage();
            throw new FetchException(stripQuery(url) + ": " + root.getClass().getSimpleName() + (msg == null ? "" : " " + msg));
        }
    }

    /** The URL without its query (mint lists make log lines unreadable). */
    public static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A request that did not produce a response. */
    public static final class FetchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FetchException(String message) {
            super(message, null, false, false);
        }
    }
}
