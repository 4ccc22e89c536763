package io.perpspot.engine.http;

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

    /**
     * GET with a ceiling on the body: a response announcing or delivering more than
     * {@code maxBodyBytes} is cut off and reported as {@link TooLarge} (the rest is not read).
     */
    public Response get(String url, Map<String, String> headers, int maxBodyBytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(b::header);
        HttpRequest req = b.build();
        try {
            HttpResponse<byte[]> r = client.send(req, info -> new LimitedBody(maxBodyBytes));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(stripQuery(url) + ": interrupted");
        } catch (IOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof TooLarge t) {
                    throw new TooLarge(stripQuery(url) + ": " + t.getMessage());
                }
            }
            throw failure(e, url);
        }
    }

    /** Collects a body up to a limit; beyond it cancels the stream and fails with {@link TooLarge}. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final java.util.concurrent.CompletableFuture<byte[]> result = new java.util.concurrent.CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private java.util.concurrent.Flow.Subscription subscription;

        LimitedBody(int max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer bb : items) {
                if (bytes.size() + bb.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("body over " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[bb.remaining()];
                bb.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /** A response whose body exceeded the caller's limit. */
    public static final class TooLarge extends FetchException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message);
        }
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
            throw failure(e, url);
        }
    }

    private static FetchException failure(IOException e, String url) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return new FetchException(stripQuery(url) + ": " + root.getClass().getSimpleName() + (msg == null ? "" : " " + msg));
    }

    /** The URL without its query (mint lists make log lines unreadable). */
    public static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A request that did not produce a response. */
    public static class FetchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FetchException(String message) {
            super(message, null, false, false);
        }
    }
}
