package io.perpspot.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on a real loopback socket: records each body and answers the status its script gives for the
 * n-th request (0-based); status 0 means never answer (until closed).
 */
final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> acceptedAt = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    Receiver(IntUnaryOperator statusOfRequest) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = statusOfRequest.applyAsInt(requests.getAndIncrement());
            if (status == 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            if (status < 300) {
                synchronized (acceptedAt) {
                    acceptedAt.add(ex.getRequestURI().getPath() + " " + body);
                    accepted.add(body);
                }
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    static Receiver ok() throws IOException {
        return new Receiver(n -> 200);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Bodies answered with a 2xx, in arrival order. */
    List<String> accepted() {
        return accepted;
    }

    /** Bodies answered with a 2xx on requests to {@code path} ({@link #url(String)}), in arrival order. */
    List<String> accepted(String path) {
        return acceptedAt.stream().filter(a -> a.startsWith(path + " ")).map(a -> a.substring(path.length() + 1))
                .toList();
    }

    /** The webhook at {@code path} (e.g. {@code /slack}) of this receiver. */
    String url(String path) {
        return base() + path;
    }

    /** The path of each request, in arrival order. */
    List<String> paths() {
        return paths;
    }

    /** The receiver's root, without a path. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
