package io.perpspot.bench.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link WireGenerator} in a JVM of its own, started with this JVM's {@code java}, class path and
 * the flags of {@code config/jvm.args} ({@code perpspot.home}, else the working directory or its
 * parent; without the file, this JVM's own flags), its stderr in {@code log}. Talks its line protocol.
 */
final class GeneratorProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader in;
    private final PrintWriter out;
    final String ws;
    final String info;
    final String price;
    final String quote;
    final String tokens;
    final long timeBase;

    GeneratorProcess(Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WireGenerator.class.getName());
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] ready = expect("READY").split(" ");
        ws = ready[1];
        info = ready[2];
        price = ready[3];
        quote = ready[4];
        tokens = ready[5];
        timeBase = Long.parseLong(ready[6]);
    }

    static List<String> jvmFlags() throws IOException {
        String home = System.getProperty("perpspot.home");
        for (Path p : new Path[] {home == null ? null : Path.of(home, "config", "jvm.args"),
                Path.of("config", "jvm.args"), Path.of("..", "config", "jvm.args")}) {
            if (p != null && Files.isRegularFile(p)) {
                return Files.readAllLines(p).stream().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            }
        }
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp"))
                .toList();
    }

    /** Sends a command line and returns the answer line, which must start with {@code prefix}. */
    String call(String command, String prefix) throws IOException {
        out.println(command);
        return expect(prefix);
    }

    private String expect(String prefix) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("load generator: expected " + prefix + ", got " + line
                    + " (see its log for the cause)");
        }
        return line;
    }

    @Override
    public void close() throws InterruptedException {
        out.println("QUIT");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
