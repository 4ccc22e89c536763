package io.perpspot.tools.dump;

import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.format.RecordJson;
import io.perpspot.tools.format.RecordText;
import io.perpspot.tools.read.OutputCursor;
import java.io.PrintWriter;

/**
 * Prints journal records one per line, in causal order: each input record, then the output
 * records the strategy derived from it (output records carry their input index). Reads the
 * input queue through {@link JournalReader#forEachInput} (so token symbols are those in force
 * when each record was journaled) and the output queue through an {@link OutputCursor}. Writes
 * JSON Lines or text lines to the given writer.
 */
final class Dumper {
    private final JournalReader reader;
    private final RecordFilter filter;
    private final long limit;
    private final PrintWriter out;
    private final RecordJson json;
    private final RecordText text;
    private OutputCursor outputs;
    private long printed;

    Dumper(JournalReader reader, RecordFilter filter, long limit, boolean asJson, PrintWriter out) {
        this.reader = reader;
        this.filter = filter;
        this.limit = limit;
        this.out = out;
        this.json = asJson ? new RecordJson(out) : null;
        this.text = asJson ? null : new RecordText();
    }

    /** Prints every matching record up to the limit; returns the number printed. */
    long run() {
        if (limit == 0) {
            return 0;
        }
        if (filter.anyOutput()) {
            outputs = new OutputCursor(reader, Long.MAX_VALUE);
        }
        try {
            reader.forEachInput(this::onInput);
            // Output records of inputs not read yet (a writer appending right now) come last.
            while (outputs != null && !done() && outputs.peek() != null) {
                printPending();
            }
        } finally {
            if (outputs != null) {
                outputs.close();
            }
            if (json != null) {
                json.close();
            }
            out.flush();
        }
        return printed;
    }

    private boolean onInput(MarketEvent e) {
        if (outputs != null) {
            while (!done() && outputs.peek() != null && outputs.peek().inputIndex < e.journalIndex) {
                printPending();
            }
        }
        if (!done() && filter.input(e.type, reader.token(e.tokenId))) {
            if (json != null) {
                json.input(e, reader.symbol(e.tokenId));
            } else {
                out.println(text.input(e, reader.symbol(e.tokenId)));
            }
            printed++;
        }
        return !done();
    }

    private boolean done() {
        return limit >= 0 && printed >= limit;
    }

    private void printPending() {
        long pendingIndex = outputs.index();
        OutputRecord pending = outputs.take();
        if (filter.output(pending, reader.token(pending.tokenId))) {
            if (json != null) {
                json.output(pending, pendingIndex, reader.symbol(pending.tokenId));
            } else {
                out.println(text.output(pending, pendingIndex, reader.symbol(pending.tokenId)));
            }
            printed++;
        }
    }
}
