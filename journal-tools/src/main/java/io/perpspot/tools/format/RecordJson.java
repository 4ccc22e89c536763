package io.perpspot.tools.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes journal records as JSON Lines: one object per record with {@code queue}, {@code type}
 * (e.g. {@code PerpBbo}, {@code Spread}), {@code token} (symbol or null), {@code index} (the
 * Chronicle index), {@code time} (ISO-8601 UTC event time), then the header and every field of
 * the type, fixed-point values as exact decimal strings.
 */
public final class RecordJson implements AutoCloseable {
    private final JsonGenerator g;
    private final JsonFields fields;

    public RecordJson(Writer out) {
        try {
            g = new JsonFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The caller owns the writer (picocli's stdout); one record per line, no separators.
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        fields = new JsonFields(g);
    }

    /** One line for an input record. */
    public void input(MarketEvent e, String symbol) {
        try {
            g.writeStartObject();
            g.writeStringField("queue", "input");
            g.writeStringField("type", EventType.name(e.type));
            fields.text("token", symbol);
            g.writeNumberField("index", e.journalIndex);
            fields.text("time", Times.isoNanos(e.recvNanos));
            InputFields.header(e, fields);
            InputFields.body(e, fields);
            end();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One line for an output record at queue index {@code index}. */
    public void output(OutputRecord r, long index, String symbol) {
        try {
            g.writeStartObject();
            g.writeStringField("queue", "output");
            g.writeStringField("type", OutputType.name(r.type));
            fields.text("token", symbol);
            g.writeNumberField("index", index);
            fields.text("time", Times.isoNanos(r.timeNanos));
            OutputFields.header(r, fields);
            OutputFields.body(r, fields);
            end();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void end() throws IOException {
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
