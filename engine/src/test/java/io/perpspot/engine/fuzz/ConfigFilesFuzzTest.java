package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link ConfigLoader}: YAML text (a {@code --config} file) and
 * {@code --set} strings. Input: the YAML, then after a NUL byte the {@code --set} overlays one
 * per line. Seeded from the shipped {@code config/perpspot.yaml}. The only documented failure is
 * {@link ConfigException} (exit 2 with one line): anything else thrown is a finding, and so is a
 * ConfigException without a message.
 */
class ConfigFilesFuzzTest {
    private static Path file;

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void loadsOrRefusesEveryConfig(byte[] data) throws IOException {
        int nul = indexOf(data, (byte) 0);
        byte[] yaml = nul < 0 ? data : Arrays.copyOf(data, nul);
        List<String> sets = new ArrayList<>();
        if (nul >= 0) {
            String rest = new String(data, nul + 1, data.length - nul - 1, StandardCharsets.UTF_8);
            for (String s : rest.split("\n", 8)) {
                sets.add(s);
            }
        }
        Files.write(file(), yaml);
        try {
            Config c = ConfigLoader.load(file(), sets);
            if (c == null) {
                throw new AssertionError("load returned null");
            }
        } catch (ConfigException e) {
            ConfigFilesFuzz.requireMessage(e);
        }
    }

    static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("perpspot-fuzz-", ".yaml");
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
