package io.perpspot.spark;

import io.perpspot.tools.backtest.SweepRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * A {@code --spark} master URL: {@code local[N]} runs Spark embedded in this JVM; {@code spark://host:port[,host:port]}
 * (standalone) is probed with a TCP connect before a SparkContext exists, so an unreachable master is one line within
 * {@link #CONNECT_TIMEOUT_MS} rather than Spark's minute of registration retries. Other masters (yarn, k8s) are handed
 * to Spark as they are (README: submit with spark-submit).
 */
final class SparkMaster {
    /** Longest wait for one master's port to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");

    private final String url;

    SparkMaster(String url) {
        this.url = url.trim();
    }

    /** True for {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}: Spark inside this JVM. */
    boolean local() {
        return LOCAL.matcher(url).matches();
    }

    String url() {
        return url;
    }

    /**
     * Fails unless a standalone master accepts a TCP connection (any one of a list of masters).
     *
     * @throws SweepRunner.MasterUnavailable naming the master and why
     */
    void probe() {
        if (url.startsWith("local") && !local()) {
            throw new SweepRunner.MasterUnavailable("not a Spark master URL: '" + url
                    + "' (local[N], spark://host:port, yarn or k8s://...)");
        }
        if (!url.startsWith("spark://")) {
            return;
        }
        String last = null;
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            URI u;
            try {
                u = URI.create("spark://" + hostPort.trim());
            } catch (IllegalArgumentException e) {
                throw new SweepRunner.MasterUnavailable("not a Spark master URL: '" + url + "'");
            }
            if (u.getHost() == null || u.getPort() < 0) {
                throw new SweepRunner.MasterUnavailable("not a Spark master URL: '" + url
                        + "' (expected spark://host:port)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        throw new SweepRunner.MasterUnavailable("cannot reach the Spark master " + url + " (" + last
                + "; waited up to " + CONNECT_TIMEOUT_MS / 1000 + " s)");
    }
}
