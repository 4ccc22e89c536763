package io.perpspot.bench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.cli.PerpspotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code perpspot bench wire} briefly at 500 ev/s through the real command line: a generator JVM,
 * the real engine over loopback, a short rate search, the baseline over the wire and the floor. Checks the
 * files it wrote, that they are well-formed, and that every frame the generator sent reached the engine's
 * journal and the baseline. No timing is asserted.
 */
class WireCommandTest {
    @TempDir
    Path tmp;

    @Test
    void wireBenchJournalsEveryFrameSentAndWritesReportHistogramsAndSummary() throws Exception {
        Path out = tmp.resolve("W");
        StringWriter stdout = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(stdout, true));
        int code = cl.execute("bench", "wire", "--rates", "500", "--duration", "3s", "--warmup", "1s",
                "--floor-samples", "1000", "--find-max", "--find-from", "400", "--find-to", "800",
                "--find-duration", "1s", "--out", out.toString());
        assertEquals(0, code, stdout::toString);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.path("machine").path("cpu").isTextual(), "the machine is described");
        JsonNode floor = summary.path("floor");
        for (String f : new String[] {"parkHandoffMicros", "spinHandoffMicros", "tcpRoundTripMicros"}) {
            assertTrue(floor.path(f).path("p99").asDouble() > 0, f + " measured");
        }
        JsonNode run = summary.path("rates").path(0);
        assertEquals(500, run.path("offeredRate").asLong());
        // 4 s of a 500/s schedule.
        assertEquals(2000, run.path("sent").asLong());
        assertEquals(run.path("sent").asLong(), run.path("journaled").asLong(), "no frame sent was lost");
        assertEquals(0, run.path("dropped").asLong());
        assertTrue(run.path("generator").asText().contains("sessions=1"), "the engine stayed connected");
        for (String s : new String[] {"sendToReceived", "sendToJournaled", "sendToProcessed", "receivedToJournaled",
                "receivedToProcessed"}) {
            // The 3 s measured part of 500/s (activeAssetCtx frames are numbered from the frame before).
            assertEquals(1500, run.path(s).path("count").asLong(), 1, s + " recorded every measured frame");
            assertTrue(run.path(s).path("p99").asDouble() >= run.path(s).path("p50").asDouble(), s + " percentiles");
        }
        JsonNode baseline = run.path("baseline");
        assertEquals(2000, baseline.path("sent").asLong(), "the baseline got the same schedule");
        assertEquals(2000, baseline.path("processed").asLong(), "the baseline processed every frame sent");
        assertTrue(baseline.path("generator").asText().contains("sessions=1"),
                "only the baseline's client listened");
        for (String s : new String[] {"sendToReceived", "sendToProcessed"}) {
            assertEquals(1500, baseline.path(s).path("count").asLong(), 1, "baseline " + s + " recorded");
        }
        JsonNode search = summary.path("rateSearch");
        JsonNode first = search.path("probes").path(0);
        assertEquals(400, first.path("rate").asLong(), "the search starts at --find-from");
        for (JsonNode p : search.path("probes")) {
            assertTrue(p.path("rate").asLong() <= 800, "no probe above --find-to");
            assertEquals(p.path("passed").asBoolean(), p.path("dropped").asLong() == 0
                    && p.path("p99JournaledMicros").asDouble() < 1000, "passed means under 1 ms, nothing dropped");
        }
        long highest = search.path("highestPassed").asLong();
        boolean probed = highest == 0;
        for (JsonNode p : search.path("probes")) {
            probed |= p.path("passed").asBoolean() && p.path("rate").asLong() == highest;
        }
        assertTrue(probed, "highest passed is a rate that passed: " + highest);
        assertTrue(summary.path("targets").size() >= 3, "the targets are reported");
        for (String f : new String[] {"report.html", "engine-500-journaled.hgrm", "engine-500-received.hgrm",
                "baseline-500-processed.hgrm", "baseline-500-received.hgrm", "floor-tcp-round-trip.hgrm",
                "floor-park-handoff.hgrm"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + " written");
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("sendToJournaled"), "report lists stages");
    }
}
