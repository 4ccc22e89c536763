package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDumpCommandTest {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SyntheticJournal journal;

    @BeforeAll
    static void write() {
        // Five tokens: the fifth is BONK, whose prices (0.0000216) must survive as exact text.
        journal = SyntheticJournal.builder().tokens(5).write(tmp.resolve("journal"));
    }

    private static List<JsonNode> dumpJson(Object... options) throws Exception {
        List<Object> args = new ArrayList<>(List.of("journal", "dump", journal.dir()));
        args.addAll(List.of(options));
        InProcessCli.Run run = InProcessCli.run(args.toArray());
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.outLines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void dumpJsonPrintsOneParsableObjectPerRecordOfBothQueues() throws Exception {
        List<JsonNode> lines = dumpJson();
        long inputs = lines.stream().filter(n -> n.get("queue").asText().equals("input")).count();
        long outputs = lines.stream().filter(n -> n.get("queue").asText().equals("output")).count();
        assertEquals(journal.inputRecords(), inputs);
        assertEquals(journal.outputRecords(), outputs);
        for (JsonNode n : lines) {
            for (String key : new String[] {"type", "token", "index", "time"}) {
                assertTrue(n.has(key), () -> key + " missing in " + n);
            }
            assertTrue(n.get("time").asText().endsWith("Z"), n::toString);
        }
    }

    @Test
    void dumpJsonGivesEveryPriceAndSizeAsAnExactDecimalString() throws Exception {
        // The truth, read straight from the queue: bid/ask units of every PerpBbo, spot units of every SpotPrice.
        Map<Long, long[]> truth = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            reader.forEachInput(e -> {
                if (e.type == EventType.PERP_BBO) {
                    truth.put(e.journalIndex, new long[] {e.bidPx, e.bidSz, e.askPx, e.askSz});
                } else if (e.type == EventType.SPOT_PRICE) {
                    truth.put(e.journalIndex, new long[] {e.spotPx});
                }
                return true;
            });
        }
        int checked = 0;
        boolean sawTinyPrice = false;
        for (JsonNode n : dumpJson("--type", "PerpBbo,SpotPrice", "--queue", "input")) {
            long[] t = truth.get(n.get("index").asLong());
            assertNotNull(t, n::toString);
            if (n.get("type").asText().equals("PerpBbo")) {
                assertEquals(t[0], units(n, "bidPx", FixedPoint.PRICE_DECIMALS));
                assertEquals(t[1], units(n, "bidSz", FixedPoint.SIZE_DECIMALS));
                assertEquals(t[2], units(n, "askPx", FixedPoint.PRICE_DECIMALS));
                assertEquals(t[3], units(n, "askSz", FixedPoint.SIZE_DECIMALS));
            } else {
                assertEquals(t[0], units(n, "spotPx", FixedPoint.PRICE_DECIMALS));
                sawTinyPrice |= n.get("spotPx").asText().startsWith("0.0000");
            }
            checked++;
        }
        assertEquals(journal.records(EventType.PERP_BBO) + journal.records(EventType.SPOT_PRICE), checked);
        assertTrue(sawTinyPrice, "BONK spot prices print as plain decimals");
    }

    /** Parses a JSON price/size string back to units, refusing anything but plain decimal text. */
    private static long units(JsonNode n, String field, int decimals) {
        JsonNode v = n.get(field);
        assertTrue(v.isTextual(), () -> field + " is not a string in " + n);
        assertTrue(DECIMAL.matcher(v.asText()).matches(), () -> field + " is not plain decimal text: " + v);
        return new BigDecimal(v.asText()).movePointRight(decimals).longValueExact();
    }

    @Test
    void dumpJsonWritesAbsentValuesAsNull() throws Exception {
        // The fixture journals PerpCtx without a premium now and then, as Hyperliquid does.
        List<JsonNode> ctx = dumpJson("--type", "PerpCtx", "--queue", "input");
        assertTrue(ctx.stream().anyMatch(n -> n.get("premium").isNull()));
        assertTrue(ctx.stream().allMatch(n -> n.get("markPx").isTextual()));
        // The first spread of a token has no z-score yet.
        List<JsonNode> spreads = dumpJson("--type", "Spread", "--limit", 1);
        assertTrue(spreads.get(0).get("z").isNull(), spreads.get(0)::toString);
    }

    @Test
    void dumpFiltersByTypeAndTokenTogether() throws Exception {
        List<JsonNode> lines = dumpJson("--type", "PerpBbo", "--token", "sol");
        assertEquals(journal.records(EventType.PERP_BBO) / journal.tokens().size(), lines.size());
        for (JsonNode n : lines) {
            assertEquals("PerpBbo", n.get("type").asText());
            assertEquals("SOL", n.get("token").asText());
        }
        List<JsonNode> opportunities = dumpJson("--type", "Opportunity", "--token", "BTC,SOL");
        assertFalse(opportunities.isEmpty());
        assertTrue(opportunities.stream().allMatch(n -> n.get("type").asText().equals("Opportunity")
                && (n.get("token").asText().equals("BTC") || n.get("token").asText().equals("SOL"))));
        assertEquals(journal.opportunities(), opportunities.size(), "the fixture's opportunities are SOL's and BTC's");
    }

    @Test
    void dumpLimitStopsAfterNRecords() throws Exception {
        assertEquals(7, dumpJson("--limit", 7).size());
        assertEquals(3, dumpJson("--type", "Spread", "--token", "ETH", "--limit", 3).size());
        assertEquals(0, dumpJson("--limit", 0).size());
    }

    @Test
    void dumpQueueOutputPrintsOnlyDerivedRecordsInOrder() throws Exception {
        List<JsonNode> lines = dumpJson("--queue", "output");
        assertEquals(journal.outputRecords(), lines.size());
        long last = Long.MIN_VALUE;
        for (JsonNode n : lines) {
            assertEquals("output", n.get("queue").asText());
            assertTrue(n.get("inputIndex").asLong() >= last, "output follows input order");
            last = n.get("inputIndex").asLong();
        }
    }

    @Test
    void dumpAllPlacesEachOutputRecordAfterTheInputItCameFrom() throws Exception {
        long lastInput = -1;
        for (JsonNode n : dumpJson("--type", "SpotPrice,PerpBbo,PerpBook,PerpCtx,PerpMid,Spread,Opportunity")) {
            if (n.get("queue").asText().equals("input")) {
                lastInput = n.get("index").asLong();
            } else {
                assertEquals(lastInput, n.get("inputIndex").asLong(), n::toString);
            }
        }
    }

    @Test
    void dumpTextPrintsOneCompactLinePerRecord() {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir(), "--format", "text", "--type",
                "PerpBbo", "--token",
                "BONK",
                "--limit", 2);
        assertEquals(0, run.code(), run::toString);
        assertEquals(2, run.outLines().size(), run::toString);
        for (String line : run.outLines()) {
            assertTrue(line.contains(" PerpBbo ") && line.contains(" BONK ") && line.contains("bidPx=0.0000"), line);
        }
    }

    @Test
    void dumpRejectsAnUnknownTypeWithOneLine() {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir(), "--type", "PerpQuote");
        assertEquals(2, run.code(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("PerpQuote"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void dumpRejectsAnUnknownFormatWithOneLine() {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir(), "--format", "xml");
        assertEquals(2, run.code(), run::toString);
        assertEquals(List.of("perpspot: journal dump: --format must be json or text, got 'xml'"), run.errLines(),
                run::toString);
        assertEquals("", run.out());
    }

    @Test
    void dumpRejectsAnUnknownTokenWithOneLine() {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir(), "--token", "DOGE");
        assertEquals(2, run.code(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("DOGE"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void readerVisitsEveryRecordAndStopsWhenAsked() {
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            assertEquals(journal.inputRecords(), reader.forEachInput(e -> true));
            assertEquals(journal.outputRecords(), reader.forEachOutput((r, i) -> true));
            assertEquals(5, reader.tokens().size());
            assertEquals("BONK", reader.token(4).symbol());
            long[] seen = new long[1];
            MarketEvent[] same = new MarketEvent[2];
            long visited = reader.forEachInput(e -> {
                same[(int) Math.min(1, seen[0])] = e;
                return ++seen[0] < 10;
            });
            assertEquals(10, visited);
            assertTrue(same[0] == same[1], "the event object is reused");
        }
    }
}
