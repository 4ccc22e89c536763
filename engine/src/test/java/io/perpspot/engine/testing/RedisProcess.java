package io.perpspot.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: started on a free loopback port in a temporary
 * directory with persistence off, killed on {@link #close()}. {@link #kill()} (SIGKILL, as a
 * crash) and {@link #restart()} (same port, same arguments) drive failover tests; {@link #pause()}
 * and {@link #resume()} (SIGSTOP/SIGCONT) make a Redis that accepts connections but never answers.
 *
 * <p>When {@code redis-server} is not installed the test <b>fails</b> with the install command:
 * the cache tests are acceptance tests and must never be skipped silently.
 */
public final class RedisProcess implements AutoCloseable {
    public static final String INSTALL = "sudo apt-get install -y redis-server";

    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisProcess(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /** Starts a server; {@code extraArgs} are appended (e.g. {@code "--requirepass", "s3cret"}). */
    public static RedisProcess start(String... extraArgs) {
        String exe = binary();
        try {
            Path dir = Files.createTempDirectory("perpspot-redis");
            RedisProcess r = new RedisProcess(dir, Ports.freeLoopbackPort(), List.of(extraArgs));
            r.launch(exe);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e, e);
        }
    }

    /** The path of redis-server, or a failed test saying how to install it. */
    public static String binary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : new String[] {"/usr/bin/redis-server", "/usr/sbin/redis-server",
                "/usr/local/bin/redis-server"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return fail("redis-server is not installed; the cache tests run a real one. Install it with: " + INSTALL
                + " (./perpspot test does this when run as root)");
    }

    private void launch(String exe) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(exe, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--protected-mode", "yes", "--loglevel", "warning"));
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (accepts()) {
                return;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen on " + port + " within 15 s: " + log());
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server with SIGKILL (a crash: no goodbye to clients) and waits until it is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port (empty: persistence is off). */
    public void restart() {
        kill();
        try {
            launch(binary());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart redis-server: " + e, e);
        }
    }

    /** SIGSTOP: the socket stays open, nothing is answered. */
    public void pause() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String sig) {
        try {
            new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends one command over a raw RESP connection (independent of the code under test) and
     * returns the reply as text: {@code +OK}, {@code -ERR ...}, {@code :5}, a bulk string's
     * content, or {@code null} for a null bulk. {@code auth}, when not null, is sent first.
     */
    public String command(String auth, String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (auth != null) {
                send(out, "AUTH", auth);
                read(in);
            }
            send(out, args);
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("redis command failed: " + e, e);
        }
    }

    /** Like {@link #command(String, String...)} with a raw byte value as the last argument. */
    public String commandBytes(String cmd, String key, byte[] value) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("*3\r\n$" + cmd.length() + "\r\n" + cmd + "\r\n$" + key.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n" + key + "\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(value);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("redis command failed: " + e, e);
        }
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String read(InputStream in) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '$' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            default -> {
                return line;
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read();
                break;
            }
            sb.append((char) c);
        }
        if (c < 0 && sb.length() == 0) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }



    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
