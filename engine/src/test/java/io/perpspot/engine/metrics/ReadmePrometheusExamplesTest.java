package io.perpspot.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Prometheus examples are what promtool accepts: the scrape block as a configuration, the
 * alerting rules as a rules file, so a user who copies them gets a working Prometheus.
 */
class ReadmePrometheusExamplesTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path tmp;

    /** The fenced yaml block of README that starts with the comment line {@code # name}. */
    private static String block(String name) throws Exception {
        Matcher m = Pattern.compile("```yaml\\n# " + Pattern.quote(name) + "[^\\n]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(README));
        assertTrue(m.find(), "README has a yaml block starting '# " + name + "'");
        return m.group(1);
    }

    @Test
    void theScrapeBlockAndTheAlertingRulesPassPromtool() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), block("prometheus.yml"));
        Promtool.assertValid("config", config);
        String rules = block("rules.yml");
        assertTrue(rules.contains("perpspot_frames_rejected_total"), rules);
        Promtool.assertValid("rules", Files.writeString(tmp.resolve("rules.yml"), rules));
    }
}
