package io.perpspot.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.bench.BboFrames;
import io.perpspot.engine.cli.PerpspotCli;
import io.perpspot.tools.format.ChartJs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code perpspot bench} for one second at a low rate, end to end through the real
 * command line, and checks what it produced and that its counts agree. No timing is asserted.
 */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void benchWritesReportHistogramsAndSummaryWithConsistentCounts() throws Exception {
        Path out = tmp.resolve("B");
        StringWriter stdout = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(stdout, true));
        int code = cl.execute("bench", "--rate", "2000", "--duration", "1s", "--warmup", "300ms", "--out",
                out.toString());
        assertEquals(0, code, stdout::toString);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String name : new String[] {"fullPath", "baseline"}) {
            JsonNode p = summary.path("pipelines").path(name);
            assertTrue(p.isObject(), name + " in summary.json");
            assertEquals(2000, p.path("offeredRate").asLong());
            assertEquals(0, p.path("dropped").asLong(), name
                    + ": nothing can be dropped at 2,000 ev/s on a 16,384-slot ring");
            assertEquals(0, p.path("rejected").asLong(), name + ": every frame decodes");
            assertTrue(p.path("drained").asBoolean(), name + " drained");
            long offered = p.path("framesOffered").asLong();
            // 1.3 s of a 2,000/s schedule, one event per frame.
            assertEquals(2600, offered, 1, name + " frames offered");
            assertEquals(offered, p.path("eventsProcessed").asLong(), name
                    + ": every offered frame became a processed event");
            long measured = p.path("eventsMeasured").asLong();
            assertEquals(p.path("framesDueInMeasuredPart").asLong(), measured, name
                    + ": every measured frame is in the histogram");
            assertEquals(2000, measured, 1, name + " events measured in the 1 s part");
            // Engine events (EngineStart and a TokenDef per shipped token) are journaled too.
            assertEquals(offered + 1 + BboFrames.shippedRegistry().size(), p.path("inputRecordsJournaled").asLong(),
                    name + " journaled every event");
            JsonNode lat = p.path("latencyMicros");
            assertTrue(lat.path("p50").asDouble() > 0 && lat.path("p50").asDouble() <= lat.path("p99").asDouble()
                    && lat.path("p99").asDouble() <= lat.path("max").asDouble(), name + " percentiles ordered: " + lat);

            String hgrm = Files.readString(out.resolve(name + ".hgrm"));
            Matcher m = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(hgrm);
            assertTrue(m.find(), name + ".hgrm is an HdrHistogram percentile distribution");
            assertEquals(measured, Long.parseLong(m.group(1)), name + ".hgrm holds the measured events");
        }
        assertFalse(summary.path("machine").path("cpu").asText().isBlank());
        assertTrue(summary.path("targets").size() >= 5);

        String html = Files.readString(out.resolve("report.html"));
        // The banner of the inlined build names the version the pom pins (chartjs.version, filtered into ChartJs).
        assertTrue(html.contains("Chart.js v" + ChartJs.version()), "Chart.js " + ChartJs.version() + " is inlined");
        assertFalse(html.contains("/*SUMMARY*/") || html.contains("/*CURVES*/"), "every placeholder was filled");
        assertTrue(html.contains("\"fullPath\":[{\"x\":"), "the percentile curves are embedded");

        String table = stdout.toString();
        assertTrue(table.contains("p99.99 us") && table.contains("fullPath") && table.contains("baseline"), table);
    }

    @Test
    void badOptionsStopWithExitCodeTwo() {
        CommandLine cl = PerpspotCli.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl.execute("bench", "--duration", "soon", "--out", tmp.resolve("x").toString()));
        assertEquals(2, cl.execute("bench", "--frames", "trades", "--out", tmp.resolve("y").toString()));
        assertEquals(2, cl.execute("bench", "--rate", "0", "--out", tmp.resolve("z").toString()));
    }
}
