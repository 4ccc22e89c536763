package io.perpspot.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What this machine can do at best, measured in the same run as the engine: a hand-off between two
 * threads, the receiver parked (woken with unpark: what a blocking consumer pays) and spinning (a core
 * burnt), and a loopback TCP round trip of a 64-byte message (what any socket between two processes
 * pays, twice). One-way figures in nanoseconds.
 */
final class Floor {
    final Histogram parkHandoff = new Histogram(StageProbe.HIGHEST, 3);
    final Histogram spinHandoff = new Histogram(StageProbe.HIGHEST, 3);
    final Histogram tcpRoundTrip = new Histogram(StageProbe.HIGHEST, 3);

    private volatile long stamp;
    private volatile long ack;

    /** Measures all three, {@code n} samples each (the spinning one 10 times as many). */
    static Floor measure(int n) throws IOException, InterruptedException {
        Floor f = new Floor();
        f.handoff(f.parkHandoff, n, true);
        f.handoff(f.spinHandoff, n * 10, false);
        f.tcp(n);
        return f;
    }

    private void handoff(Histogram h, int n, boolean park) throws InterruptedException {
        stamp = 0;
        ack = 0;
        Thread receiver = new Thread(() -> {
            for (int i = 1; i <= n; i++) {
                long s;
                while ((s = stamp) == 0) {
                    if (park) {
                        LockSupport.park();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                h.recordValue(Math.max(0, System.nanoTime() - s));
                stamp = 0;
                ack = i;
            }
        }, "floor-receiver");
        receiver.setDaemon(true);
        receiver.start();
        for (int i = 1; i <= n; i++) {
            if (park) {
                // Give the receiver time to park: the figure is the wake-up, not a lucky spin.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
            stamp = System.nanoTime();
            if (park) {
                LockSupport.unpark(receiver);
            }
            while (ack != i) {
                Thread.onSpinWait();
            }
        }
        receiver.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void tcp(int n) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] b = new byte[64];
                    while (in.readNBytes(b, 0, b.length) == b.length) {
                        out.write(b);
                    }
                } catch (IOException e) {
                    // the client closed
                }
            }, "floor-echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                c.setTcpNoDelay(true);
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                byte[] b = new byte[64];
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    out.write(b);
                    if (in.readNBytes(b, 0, b.length) != b.length) {
                        throw new IOException("echo closed");
                    }
                    tcpRoundTrip.recordValue(System.nanoTime() - t);
                }
            }
            echo.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** The floor of a wire path at a percentile: half a loopback round trip plus a parked hand-off. */
    double wireFloorNanos(double percentile) {
        return tcpRoundTrip.getValueAtPercentile(percentile) / 2.0 + parkHandoff.getValueAtPercentile(percentile);
    }
}
