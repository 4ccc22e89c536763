package io.perpspot.engine.feed.fallback;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP for the fallback pollers: GET and JSON POST with a timeout and a cap on the body size, so
 * a hostile or broken server cannot make us buffer an unbounded answer. Runs on the pollers'
 * thread, never on an I/O or ring thread. Failures become {@link Failure} with a one-line reason.
 */
public final class LimitedHttp {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBodyBytes;

    public LimitedHttp(Duration timeout, int maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** An answer: status and body (at most the cap), or {@code oversize} when the body was longer. */
    public record Reply(int status, byte[] body, int length, boolean oversize) {
    }

    public Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), url);
    }

    public Reply postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), url);
    }

    private Reply send(HttpRequest req, String url) {
        try {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(maxBodyBytes + 1);
                boolean oversize = body.length > maxBodyBytes;
                return new Reply(r.statusCode(), body, oversize ? maxBodyBytes : body.length, oversize);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(strip(url) + ": interrupted");
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root.getMessage();
            throw new Failure(strip(url) + ": " + root.getClass().getSimpleName() + (msg == null ? "" : " " + msg));
        }
    }

    static String strip(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A request that produced no answer. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message, null, false, false);
        }
    }
}
