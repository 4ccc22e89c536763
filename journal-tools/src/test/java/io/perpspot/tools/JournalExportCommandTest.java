package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal export}: DuckDB (an independent reader) reads the Parquet tables of a synthetic
 * journal and every value equals {@code journal dump}'s; row counts equal {@code journal stats};
 * the CSV export reads back the same through a CSV parser; day partitions, --since-last and bad input.
 */
class JournalExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** dump fields that are header columns of the export under other names. */
    private static final Set<String> HEADER = Set.of("queue", "type", "token", "index", "time", "tokenId",
            "recvNanos", "exchTime", "source", "inputIndex", "timeNanos");

    @TempDir
    static Path tmp;
    static SyntheticJournal journal;
    /** journal dump --format json, by queue and index. */
    static Map<String, JsonNode> dump = new HashMap<>();
    /** The id the journal's marker keeps (made when the synthetic journal was written). */
    static String engineId;

    @BeforeAll
    static void write() throws Exception {
        // Five tokens: the fifth is BONK (0.0000216), whose prices must stay exact.
        journal = SyntheticJournal.builder().tokens(5).write(tmp.resolve("journal"));
        try (Journal j = Journal.openForRead(journal.dir())) {
            engineId = j.engineId();
        }
        assertNotNull(engineId, "a journal made now has an engine id");
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir(), "--format", "json");
        assertEquals(0, run.code(), run::toString);
        for (String line : run.outLines()) {
            JsonNode n = JSON.readTree(line);
            dump.put(n.get("queue").asText() + n.get("index").asLong(), n);
        }
    }

    private static InProcessCli.Run export(Path dir, Object... options) {
        List<Object> args = new ArrayList<>(List.of("journal", "export", dir, "--no-progress"));
        args.addAll(List.of(options));
        return InProcessCli.run(args.toArray());
    }

    private static Connection duckdb() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static List<String> tables(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String glob(Path out, String table, String ext) {
        return out.resolve(table) + "/**/*." + ext;
    }

    @Test
    void duckDbReadsEveryParquetValueAsJournalDumpsExactDecimal() throws Exception {
        Path out = tmp.resolve("parquet");
        InProcessCli.Run run = export(journal.dir(), "--format", "parquet", "--out", out, "--partition", "none");
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        long rows = 0;
        long values = 0;
        try (Connection c = duckdb(); Statement st = c.createStatement()) {
            for (String table : tables(out)) {
                String from = "read_parquet('" + glob(out, table, "parquet") + "')";
                String select = table.equals("perp_book")
                        ? "SELECT * REPLACE (to_json(bids)::VARCHAR AS bids, to_json(asks)::VARCHAR AS asks), "
                        : "SELECT *, ";
                try (ResultSet rs = st.executeQuery(select + "epoch_ns(event_time) AS event_ns FROM " + from)) {
                    while (rs.next()) {
                        rows++;
                        values += checkRow(table, rs);
                    }
                }
            }
        }
        assertEquals(journal.inputRecords() + journal.outputRecords(), rows);
        assertEquals(dump.size(), rows, "every dumped record is one row");
        assertTrue(values > rows * 5, "values compared: " + values);
    }

    /** Compares one row with the dump of the same record; returns the values compared. */
    private static int checkRow(String table, ResultSet rs) throws Exception {
        long index = rs.getLong("journal_index");
        boolean input = hasColumn(rs, "receive_time");
        JsonNode d = dump.get((input ? "input" : "output") + index);
        assertNotNull(d, table + " row " + index + " is not in the dump");
        assertEquals(table, snake(d.get("type").asText()));
        // DuckDB reads a UTC-adjusted TIMESTAMP(NANOS) as its TIMESTAMPTZ, which holds microseconds; the
        // CSV test checks the nanoseconds.
        assertEquals(Instant.parse(d.get("time").asText()).truncatedTo(ChronoUnit.MICROS),
                nanos(rs.getLong("event_ns")), "event_time of " + index);
        assertEquals(d.get("token").isNull() ? null : d.get("token").asText(), rs.getString("token"));
        assertEquals(engineId, rs.getString("engine_id"), "the engine id of the journal's marker");
        int compared = 2;
        Iterator<Map.Entry<String, JsonNode>> fields = d.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (HEADER.contains(f.getKey())) {
                continue;
            }
            String column = snake(f.getKey());
            JsonNode want = f.getValue();
            Object got = rs.getObject(column);
            String where = table + "." + column + " of record " + index;
            if (want.isNull()) {
                assertNull(got, where);
            } else if (want.isArray()) {
                JsonNode levels = JSON.readTree(rs.getString(column));
                assertEquals(want.size(), levels.size(), where);
                for (int i = 0; i < want.size(); i++) {
                    assertExact(want.get(i).get("px").asText(), levels.get(i).get("px").decimalValue(), where);
                    assertExact(want.get(i).get("sz").asText(), levels.get(i).get("sz").decimalValue(), where);
                    assertEquals(want.get(i).get("n").asLong(), levels.get(i).get("orders").asLong(), where);
                }
            } else if (want.isTextual() && got instanceof BigDecimal b) {
                assertExact(want.asText(), b, where);
            } else if (want.isTextual()) {
                assertEquals(want.asText(), got.toString(), where);
            } else if (want.isIntegralNumber()) {
                assertEquals(want.asLong(), ((Number) got).longValue(), where);
            } else {
                assertEquals(want.decimalValue().doubleValue(), ((Number) got).doubleValue(), where);
            }
            compared++;
        }
        if (input) {
            assertEquals(d.get("source").asText(), rs.getString("source"));
            assertEquals(d.get("recvNanos").asLong() / 1000, rs.getLong("event_ns") / 1000);
        } else {
            assertEquals(d.get("inputIndex").asLong(), rs.getLong("input_index"));
        }
        return compared;
    }

    /** Same digits at the journal's scale: no double in between (a double would lose BONK's or BTC's units). */
    private static void assertExact(String dumped, BigDecimal exported, String where) {
        assertEquals(0, new BigDecimal(dumped).compareTo(exported), where + ": " + dumped + " vs " + exported);
    }

    private static boolean hasColumn(ResultSet rs, String name) throws Exception {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
            if (m.getColumnName(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Instant nanos(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos,
                1_000_000_000L));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    @Test
    void doublesAddFloat64ColumnsAndEveryFileCarriesTheSchemaVersion() throws Exception {
        Path out = tmp.resolve("doubles");
        InProcessCli.Run run = export(journal.dir(), "--out", out, "--doubles", "--type", "PerpBbo,PerpCtx");
        assertEquals(0, run.code(), run::toString);
        try (Connection c = duckdb(); Statement st = c.createStatement()) {
            String bbo = "read_parquet('" + glob(out, "perp_bbo", "parquet") + "')";
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE bid_px_f64 = bid_px::DOUBLE "
                    + "AND ask_sz_f64 = ask_sz::DOUBLE), typeof(any_value(bid_px_f64)), typeof(any_value(bid_px)) FROM "
                    + bbo)) {
                rs.next();
                assertEquals(journal.records(EventType.PERP_BBO), rs.getLong(1));
                assertEquals(rs.getLong(1), rs.getLong(2), "each float64 is its decimal's double");
                assertEquals("DOUBLE", rs.getString(3));
                assertEquals("DECIMAL(18,12)", rs.getString(4));
            }
            // PerpCtx's premium is null now and then: its double is null too.
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE premium IS NULL), "
                    + "count(*) FILTER (WHERE premium_f64 IS NULL) FROM read_parquet('"
                    + glob(out, "perp_ctx", "parquet") + "')")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0);
                assertEquals(rs.getLong(1), rs.getLong(2));
            }
            for (Path part : parts(out)) {
                try (ResultSet rs = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('" + part
                        + "') WHERE decode(key) = 'perpspot.export.schema-version'")) {
                    assertTrue(rs.next(), part::toString);
                    assertEquals("2", rs.getString(1));
                }
            }
        }
    }

    @Test
    void columnsTheJournalAlwaysFillsAreRequiredAndTheOthersOptional() throws Exception {
        Path out = tmp.resolve("repetition");
        InProcessCli.Run run = export(journal.dir(), "--out", out, "--type", "PerpBbo,SpotPrice,Spread", "--partition",
                "none");
        assertEquals(0, run.code(), run::toString);
        Map<String, String> bbo = repetitions(out, "perp_bbo");
        for (String required : List.of("event_time", "journal_index", "source", "receive_time")) {
            assertEquals("REQUIRED", bbo.get(required), required);
        }
        for (String optional : List.of("engine_id", "token", "coin", "token_id", "exchange_time", "bid_px", "ask_sz")) {
            assertEquals("OPTIONAL", bbo.get(optional), optional);
        }
        Map<String, String> spot = repetitions(out, "spot_price");
        assertEquals("OPTIONAL", spot.get("liquidity_usd"));
        assertEquals("OPTIONAL", spot.get("block_id"));
        Map<String, String> spread = repetitions(out, "spread");
        assertEquals("REQUIRED", spread.get("input_index"));
        assertEquals("REQUIRED", spread.get("samples"));
        assertEquals("OPTIONAL", spread.get("z"));
        assertEquals("OPTIONAL", spread.get("spot_px"));
    }

    /** Column name to its Parquet repetition (REQUIRED, OPTIONAL) in the table's part, as DuckDB reads the footer. */
    private static Map<String, String> repetitions(Path out, String table) throws Exception {
        Map<String, String> rep = new HashMap<>();
        try (Connection c = duckdb(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, repetition_type FROM parquet_schema('"
                        + glob(out, table, "parquet") + "')")) {
            while (rs.next()) {
                rep.put(rs.getString(1), rs.getString(2));
            }
        }
        return rep;
    }

    @Test
    void rowCountsPerTableEqualJournalStats() throws Exception {
        Path out = tmp.resolve("counts");
        InProcessCli.Run run = export(journal.dir(), "--out", out);
        assertEquals(0, run.code(), run::toString);
        InProcessCli.Run stats = InProcessCli.run("journal", "stats", journal.dir(), "--format", "json");
        JsonNode s = JSON.readTree(stats.out());
        Map<String, Long> counts = counts(out, "parquet");
        Iterator<Map.Entry<String, JsonNode>> byType = s.get("input").get("byType").fields();
        while (byType.hasNext()) {
            Map.Entry<String, JsonNode> t = byType.next();
            assertEquals(t.getValue().asLong(), counts.getOrDefault(snake(t.getKey()), 0L), t.getKey());
        }
        assertEquals(s.get("output").get("spreads").asLong(), counts.get("spread"));
        assertEquals(s.get("output").get("opportunities").asLong(), counts.get("opportunity"));
        long outputs = counts.entrySet().stream().filter(e -> Set.of("spread", "opportunity", "latency")
                .contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        assertEquals(s.get("output").get("records").asLong(), outputs);
        assertTrue(run.out().contains("perp_bbo"), run.out());
    }

    private static Map<String, Long> counts(Path out, String ext) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = duckdb(); Statement st = c.createStatement()) {
            for (String table : tables(out)) {
                String reader = ext.equals("parquet") ? "read_parquet" : "read_csv";
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + reader + "('" + glob(out, table, ext)
                        + "')")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void csvExportReadsBackWithTheSameExactValuesAsParquet() throws Exception {
        Path csv = tmp.resolve("csv");
        Path parquet = tmp.resolve("parquet-for-csv");
        assertEquals(0, export(journal.dir(), "--format", "csv", "--out", csv, "--type", "PerpBbo,SpotPrice,Spread",
                "--token", "BONK,sol").code());
        assertEquals(0, export(journal.dir(), "--out", parquet, "--type", "PerpBbo,SpotPrice,Spread",
                "--token", "BONK,sol").code());
        assertEquals(List.of("perp_bbo", "spot_price", "spread"), tables(csv));
        int compared = 0;
        try (Connection c = duckdb(); Statement st = c.createStatement()) {
            for (String table : tables(csv)) {
                Map<Long, Map<String, String>> rows = readCsv(csv.resolve(table));
                try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + glob(parquet, table, "parquet")
                        + "') ORDER BY journal_index")) {
                    ResultSetMetaData m = rs.getMetaData();
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        long index = rs.getLong("journal_index");
                        Map<String, String> row = rows.get(index);
                        assertNotNull(row);
                        JsonNode d = dump.get((table.equals("spread") ? "output" : "input") + index);
                        assertEquals(Instant.parse(d.get("time").asText()), Instant.parse(row.get("event_time")),
                                "CSV keeps the nanoseconds");
                        assertTrue(Set.of("BONK", "SOL").contains(row.get("token")), row::toString);
                        for (int i = 1; i <= m.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            String text = row.get(m.getColumnName(i));
                            if (text == null) {
                                // DuckDB's own column from the Hive path (date=...), not in the files.
                                assertEquals("date", m.getColumnName(i));
                            } else if (v == null) {
                                assertEquals("", text, m.getColumnName(i));
                            } else if (v instanceof BigDecimal b) {
                                assertExact(text, b, table + "." + m.getColumnName(i));
                                compared++;
                            } else if (v instanceof Double x) {
                                assertEquals(x, Double.parseDouble(text), m.getColumnName(i));
                            } else if (!m.getColumnName(i).endsWith("_time")) {
                                assertEquals(v.toString(), text, m.getColumnName(i));
                            }
                        }
                    }
                    assertEquals(rows.size(), n, table);
                }
            }
        }
        assertTrue(compared > 100, "decimals compared: " + compared);
    }

    /** The rows of a CSV table (every part), by journal index, read with jackson-dataformat-csv. */
    private static Map<Long, Map<String, String>> readCsv(Path tableDir) throws Exception {
        Map<Long, Map<String, String>> rows = new HashMap<>();
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        List<Path> files;
        try (Stream<Path> s = Files.walk(tableDir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(f.toFile())) {
                while (it.hasNext()) {
                    Map<String, String> row = it.next();
                    rows.put(Long.parseLong(row.get("journal_index")), row);
                }
            }
        }
        return rows;
    }

    @Test
    void aReasonWithACommaAndAQuoteSurvivesTheCsv() throws Exception {
        String reason = "server said \"bye, now\", then closed";
        Path dir = tmp.resolve("quoted");
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            ExcerptAppender a = j.input().createAppender();
            MarketEvent e = new MarketEvent();
            long t = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli() * 1_000_000L;
            append(a, EngineEvents.engineStart(e, "x=1", t));
            e.reset();
            e.type = EventType.SOURCE_STATUS;
            e.source = Source.HL_WS_MAINNET;
            e.status = SourceState.DOWN;
            e.recvNanos = t + 1;
            e.setText(reason);
            append(a, e);
        }
        Path out = tmp.resolve("quoted-csv");
        InProcessCli.Run run = export(dir, "--format", "csv", "--out", out, "--type", "SourceStatus");
        assertEquals(0, run.code(), run::toString);
        Map<Long, Map<String, String>> rows = readCsv(out.resolve("source_status"));
        assertEquals(1, rows.size());
        assertEquals(reason, rows.values().iterator().next().get("reason"));
        try (Connection c = duckdb(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT reason FROM read_csv('" + glob(out, "source_status", "csv")
                        + "')")) {
            assertTrue(rs.next());
            assertEquals(reason, rs.getString(1), "DuckDB reads the RFC 4180 quoting too");
        }
    }

    private static void append(ExcerptAppender a, MarketEvent e) {
        try (DocumentContext dc = a.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }

    @Test
    void dayPartitionsSplitAJournalThatSpansMidnightUtc() throws Exception {
        Path ticks = tmp.resolve("midnight.csv");
        Files.writeString(ticks, """
                time,token,type,bid,ask,bid_size,ask_size,price,funding,premium,mark,oracle
                2025-01-15T23:59:58Z,SOL,perp_bbo,200.00,200.05,12.5,8,,,,,
                2025-01-15T23:59:59.999999Z,SOL,spot,,,,,200.10,,,,
                2025-01-16T00:00:00Z,SOL,perp_bbo,200.01,200.06,1,2,,,,,
                2025-01-16T00:00:01Z,SOL,spot,,,,,200.11,,,,
                2025-01-16T00:00:02Z,SOL,perp_bbo,200.02,200.07,3,4,,,,,
                """);
        Path dir = tmp.resolve("midnight");
        assertEquals(0, InProcessCli.run("journal", "import", "--format", "csv", ticks, "--out", dir).code());
        Map<String, Long> truth = new TreeMap<>();
        try (JournalReader r = JournalReader.open(dir)) {
            r.forEachInput(e -> {
                if (e.type == EventType.PERP_BBO) {
                    LocalDate day = Instant.ofEpochSecond(0, e.recvNanos).atZone(ZoneOffset.UTC).toLocalDate();
                    truth.merge("date=" + day, 1L, Long::sum);
                }
                return true;
            });
        }
        assertEquals(Map.of("date=2025-01-15", 1L, "date=2025-01-16", 2L), truth);
        Path out = tmp.resolve("midnight-out");
        assertEquals(0, export(dir, "--out", out, "--partition", "day").code());
        try (Stream<Path> s = Files.list(out.resolve("perp_bbo"))) {
            assertEquals(List.of("date=2025-01-15", "date=2025-01-16"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Map<String, Long> got = new TreeMap<>();
        try (Connection c = duckdb(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT date, count(*) FROM read_parquet('" + glob(out, "perp_bbo",
                        "parquet") + "', hive_partitioning = true) GROUP BY date")) {
            while (rs.next()) {
                got.put("date=" + rs.getObject(1), rs.getLong(2));
            }
        }
        assertEquals(truth, got, "DuckDB prunes and counts by the Hive partitions");
    }

    @Test
    void sinceLastWritesOnlyNewPartsWithTheNewRecords() throws Exception {
        Path dir = tmp.resolve("growing");
        long t = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli() * 1_000_000L;
        appendStatuses(dir, t, 3);
        Path out = tmp.resolve("growing-out");
        assertEquals(0, export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none").code());
        List<Path> first = parts(out);
        assertEquals(1, first.size());
        byte[] firstBytes = Files.readAllBytes(first.get(0));

        InProcessCli.Run none = export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none",
                "--since-last");
        assertEquals(0, none.code(), none::toString);
        assertEquals(first, parts(out), "nothing new: no new part");

        appendStatuses(dir, t + 1_000_000_000L, 2);
        InProcessCli.Run more = export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none",
                "--since-last");
        assertEquals(0, more.code(), more::toString);
        List<Path> after = parts(out);
        assertEquals(2, after.size(), after::toString);
        assertTrue(after.get(1).getFileName().toString().startsWith("part-00001."), after::toString);
        assertArrayEquals(firstBytes, Files.readAllBytes(first.get(0)), "the first part is untouched");
        try (Connection c = duckdb(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT journal_index) FROM read_parquet('"
                        + after.get(1) + "')")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "only the two new records");
        }
        assertEquals(5L, counts(out, "parquet").get("source_status"));
    }

    @Test
    void aJournalBeingWrittenIsExportedToOnePointAndSinceLastTakesTheRestOnce() throws Exception {
        Path dir = tmp.resolve("live");
        long t = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli() * 1_000_000L;
        appendStatuses(dir, t, 1000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong(1000);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Journal j = Journal.openForWrite(dir, "daily")) {
                ExcerptAppender a = j.input().createAppender();
                MarketEvent e = new MarketEvent();
                // Bounded: it stops when told or after 2,000,000 records, whichever is first.
                for (long i = 1000; !stop.get() && i < 2_000_000; i++) {
                    append(a, status(e, t, i));
                    written.incrementAndGet();
                }
            } catch (Throwable ex) {
                failed.set(ex);
            }
        }, "export-test-writer");
        writer.start();
        Path out = tmp.resolve("live-out");
        InProcessCli.Run first = export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none");
        InProcessCli.Run second =
                export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none", "--since-last");
        stop.set(true);
        writer.join(60_000);
        assertFalse(writer.isAlive());
        assertNull(failed.get());
        InProcessCli.Run last = export(dir, "--out", out, "--type", "SourceStatus", "--partition", "none",
                "--since-last");
        for (InProcessCli.Run r : List.of(first, second, last)) {
            assertEquals(0, r.code(), r::toString);
        }
        List<Path> parts = parts(out);
        assertTrue(parts.size() >= 2, parts::toString);
        try (Connection c = duckdb(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT journal_index) FROM read_parquet('"
                    + glob(out, "source_status", "parquet") + "')")) {
                rs.next();
                assertEquals(written.get(), rs.getLong(1), "every record exported");
                assertEquals(written.get(), rs.getLong(2), "none twice");
            }
            long previousMax = Long.MIN_VALUE;
            for (Path part : parts) {
                try (ResultSet rs = st.executeQuery("SELECT min(journal_index), max(journal_index) FROM read_parquet('"
                        + part + "')")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > previousMax, "each part continues after the one before: " + part);
                    previousMax = rs.getLong(2);
                }
            }
        }
    }

    private static void appendStatuses(Path dir, long t, int n) {
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            ExcerptAppender a = j.input().createAppender();
            MarketEvent e = new MarketEvent();
            for (int i = 0; i < n; i++) {
                append(a, status(e, t, i));
            }
        }
    }

    /** The {@code i}-th SourceStatus of a test journal, at {@code t + i}. */
    private static MarketEvent status(MarketEvent e, long t, long i) {
        e.reset();
        e.type = EventType.SOURCE_STATUS;
        e.source = Source.JUPITER_PRICE;
        e.status = SourceState.UP;
        e.recvNanos = t + i;
        e.setText("status " + i);
        return e;
    }

    private static List<Path> parts(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path out = tmp.resolve("bad");
        Map<String, Object[]> cases = new TreeMap<>();
        cases.put("unknown --type 'Nope'", new Object[] {"--out", out, "--type", "Nope"});
        cases.put("unknown --token 'NOPE'", new Object[] {"--out", out, "--token", "nope"});
        cases.put("the range is empty", new Object[] {"--out", out, "--from", "2025-01-16", "--to", "2025-01-15"});
        cases.put("no records match in the --from/--to range", new Object[] {"--out", out, "--from", "2030-01-01"});
        cases.put("--format must be parquet or csv", new Object[] {"--out", out, "--format", "xml"});
        cases.put("--partition must be none or day", new Object[] {"--out", out, "--partition", "hour"});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            InProcessCli.Run r = export(journal.dir(), c.getValue());
            assertEquals(2, r.code(), r::toString);
            assertEquals(1, r.errLines().size(), r::toString);
            assertTrue(r.err().contains(c.getKey()), r::toString);
            assertFalse(Files.exists(out), "nothing written for " + c.getKey());
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        InProcessCli.Run exists = export(journal.dir(), "--out", out);
        assertEquals(2, exists.code(), exists::toString);
        assertTrue(exists.err().contains("exists and is not empty"), exists::toString);
        InProcessCli.Run notExport = export(journal.dir(), "--out", out, "--since-last");
        assertEquals(2, notExport.code(), notExport::toString);
        assertTrue(notExport.err().contains("is not an export of a journal"), notExport::toString);

        Path other = tmp.resolve("other-export");
        appendStatuses(tmp.resolve("other"), 1_736_942_400_000_000_000L, 1);
        assertEquals(0, export(tmp.resolve("other"), "--out", other).code());
        InProcessCli.Run wrongJournal = export(journal.dir(), "--out", other, "--since-last");
        assertEquals(2, wrongJournal.code(), wrongJournal::toString);
        assertTrue(wrongJournal.err().contains("an export of another journal"), wrongJournal::toString);
        InProcessCli.Run wrongLayout = export(tmp.resolve("other"), "--out", other, "--since-last", "--format", "csv");
        assertEquals(2, wrongLayout.code(), wrongLayout::toString);
        assertTrue(wrongLayout.err().contains("continue it with the same options"), wrongLayout::toString);
        assertEquals(1, wrongLayout.errLines().size());
        assertTrue(new File(other.toFile(), "_perpspot_export.properties").isFile());
    }
}
