package io.perpspot.tools.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The Chart.js build the HTML reports inline (backtest {@code report.html}, the benchmarks'
 * latency report): read from the {@code org.webjars.npm:chart.js} jar at the version the parent
 * pom pins ({@code chartjs.version}, carried here by the Maven-filtered {@code chartjs.properties}),
 * so a version bump in the pom is the only change.
 */
public final class ChartJs {
    private static final String VERSION = readVersion();

    private ChartJs() {
    }

    /** The Chart.js version of the build ({@code 4.5.1}). */
    public static String version() {
        return VERSION;
    }

    /** The minified UMD build's class-path location inside the webjar. */
    public static String path() {
        return "/META-INF/resources/webjars/chart.js/" + VERSION + "/dist/chart.umd.min.js";
    }

    /**
     * The minified script, checked to be inlinable: it must not close its own {@code <script>}
     * element.
     *
     * @throws IllegalStateException when the webjar is not on the class path or the script contains {@code </script}
     */
    public static String script() {
        String js;
        try (InputStream in = ChartJs.class.getResourceAsStream(path())) {
            if (in == null) {
                throw new IllegalStateException("Chart.js webjar not on the class path: " + path());
            }
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (js.contains("</script")) {
            throw new IllegalStateException("Chart.js " + VERSION + " contains </script and cannot be inlined");
        }
        return js;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = ChartJs.class.getResourceAsStream("chartjs.properties")) {
            if (in == null) {
                throw new IllegalStateException("chartjs.properties missing from the journal-tools jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("chartjs.version", "");
        if (v.isEmpty() || v.startsWith("$")) {
            throw new IllegalStateException("chartjs.properties was not filtered by Maven: chartjs.version=" + v);
        }
        return v;
    }
}
