package io.perpspot.tools.export;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.tokens.Token;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.read.OutputCursor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Exports a journal into one table per record type. One pass over the input queue, with the
 * output queue read alongside (each output record right after the input it came from, so its
 * token is the one in force then, as in {@code journal dump}); each record goes to its table's
 * open part, a new part when its day partition changes. The pass stops at the ends both queues
 * had when it started (output end first: every output record then has its input within the input
 * end), so a journal being written is exported up to one consistent point, and only whole
 * records. Parts are renamed into place, then the state file is written, only when all succeeded.
 */
final class Exporter {
    /** What an export wrote: rows per table (in name order), files and records. */
    record Result(Map<String, Long> rows, int files, long records, long inputLast, long outputLast) {
    }

    private final ExportOptions options;
    private final ExportIdentity identity;
    private final ExportLayout layout;
    private final ExportRecord record = new ExportRecord();
    private final TableSchema[] schemas = new TableSchema[EventType.MAX + OutputType.MAX + 2];
    private final TablePart[] parts = new TablePart[schemas.length];
    private final long[] partPartition = new long[schemas.length];
    private final List<TablePart> closed = new ArrayList<>();
    private final Token[] tokens = new Token[MarketEvent.TOKEN_ID_LIMIT];
    private OutputCursor outputs;
    private long inputEnd;
    private long outputEnd;
    private long inputAfter = -1;
    private long outputAfter = -1;
    private long inputLast = -1;
    private long outputLast = -1;
    private long records;
    private long inputsRead;
    private BacktestRun.Progress progress;

    Exporter(ExportOptions options, ExportIdentity identity) {
        this.options = options;
        this.identity = identity;
        this.layout = new ExportLayout(options.out(), options.format().extension(), options.byDay());
        record.engineId = identity.engineId();
    }

    /** The state this export will leave, with the given read positions. */
    private ExportState state(long in, long out) {
        return new ExportState(identity.journalCreated(), options.format().extension(), options.partition(),
                options.doubles(), TableSchema.VERSION, in, out);
    }

    /**
     * Checks OUT: a new export needs it missing or empty; {@code --since-last} needs an earlier
     * export of this journal in the same layout (or nothing yet), and continues after its positions.
     */
    void checkOut() {
        Path out = options.out();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ExportException("journal export: --out " + out + " is a file, not a directory");
        }
        ExportState earlier = Files.isDirectory(out) ? ExportState.read(out) : null;
        if (options.sinceLast() && earlier != null) {
            String why = earlier.mismatch(state(-1, -1));
            if (why != null) {
                throw new ExportException("journal export: --since-last: --out " + out + " cannot be continued: "
                        + why);
            }
            inputAfter = earlier.inputLast();
            outputAfter = earlier.outputLast();
            inputLast = inputAfter;
            outputLast = outputAfter;
            return;
        }
        if (!empty(out)) {
            throw new ExportException("journal export: --out " + out + (options.sinceLast()
                    ? " exists and is not an export of a journal (no " + ExportState.FILE + ")"
                    : " exists and is not empty; choose a new directory, or add --since-last to continue an "
                    + "earlier export"));
        }
    }

    private static boolean empty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new ExportException("journal export: cannot read --out " + dir + ": " + e.getMessage());
        }
    }

    /** Runs the export; {@code progressOut} (or null) gets the progress bar. */
    Result run(JournalReader reader, PrintWriter progressOut) {
        // Output end first: any output record then present derives from an input already journaled.
        outputEnd = reader.journal().output().lastIndex();
        inputEnd = reader.journal().input().lastIndex();
        if (progressOut != null) {
            BacktestRun.Range r = BacktestRun.range(reader);
            progress = new BacktestRun.Progress(progressOut, "export", r.firstNanos(), r.lastNanos());
        }
        long wallStart = System.nanoTime();
        Map<String, Long> rows = new TreeMap<>();
        try {
            if (options.filter().anyOutput()) {
                outputs = new OutputCursor(reader, outputEnd);
            }
            reader.forEachInput(e -> onInput(reader, e));
            while (outputs != null && outputs.peek() != null) {
                writePending();
            }
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] != null) {
                    closePart(k);
                }
            }
            for (TablePart p : closed) {
                rows.merge(p.table(), p.rows(), Long::sum);
            }
        } catch (RuntimeException e) {
            for (TablePart p : parts) {
                closeQuietly(p);
            }
            layout.abort();
            throw e;
        } finally {
            if (outputs != null) {
                outputs.close();
            }
        }
        if (records == 0 && !options.sinceLast()) {
            layout.abort();
            throw new ExportException("journal export: no records match" + (options.fromNanos() != Long.MIN_VALUE
                    || options.toNanos() != Long.MAX_VALUE ? " in the --from/--to range" : "") + " (types and "
                    + "tokens as asked); nothing written");
        }
        int files = layout.commit();
        state(inputLast, outputLast).write(options.out(), identity.journalDir());
        if (progress != null) {
            progress.done(inputsRead, System.nanoTime() - wallStart);
        }
        return new Result(rows, files, records, inputLast, outputLast);
    }

    private static void closeQuietly(TablePart p) {
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException ignored) {
                // The export already failed; its parts are deleted next.
            }
        }
    }

    private boolean onInput(JournalReader reader, MarketEvent e) {
        if (e.journalIndex > inputEnd) {
            return false;
        }
        if (e.type == EventType.TOKEN_DEF && e.tokenId >= 0 && e.tokenId < tokens.length) {
            tokens[e.tokenId] = reader.token(e.tokenId);
        }
        if (outputs != null) {
            while (outputs.peek() != null && outputs.peek().inputIndex < e.journalIndex) {
                writePending();
            }
        }
        inputLast = Math.max(inputLast, e.journalIndex);
        Token t = token(e.tokenId);
        if (e.journalIndex > inputAfter && options.filter().input(e.type, t) && inTime(e.recvNanos)) {
            record.input = true;
            record.event = e;
            record.index = e.journalIndex;
            record.token = t;
            write();
        }
        inputsRead++;
        if (progress != null) {
            progress.at(e.recvNanos, inputsRead);
        }
        return true;
    }

    private Token token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    private boolean inTime(long nanos) {
        return nanos >= options.fromNanos() && nanos < options.toNanos();
    }

    private void writePending() {
        long pendingIndex = outputs.index();
        OutputRecord pending = outputs.take();
        outputLast = Math.max(outputLast, pendingIndex);
        Token t = token(pending.tokenId);
        if (pendingIndex > outputAfter && options.filter().output(pending, t) && inTime(pending.timeNanos)) {
            record.input = false;
            record.output = pending;
            record.index = pendingIndex;
            record.token = t;
            write();
        }
    }

    private void write() {
        int k = record.input ? record.type() : EventType.MAX + 1 + record.type();
        long partition = layout.partition(record.eventNanos());
        TablePart part = parts[k];
        if (part == null || partPartition[k] != partition) {
            if (part != null) {
                closePart(k);
            }
            if (schemas[k] == null) {
                schemas[k] = TableSchema.of(record.input, record.type(), options.doubles());
            }
            part = options.format().open(layout.newPart(schemas[k].table(), partition), schemas[k], identity);
            parts[k] = part;
            partPartition[k] = partition;
        }
        part.write(record);
        records++;
    }

    private void closePart(int k) {
        parts[k].close();
        closed.add(parts[k]);
        parts[k] = null;
    }
}
