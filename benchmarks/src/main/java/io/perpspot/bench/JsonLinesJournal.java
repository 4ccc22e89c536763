package io.perpspot.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline journal: one JSON object per line in a buffered file (64 KB buffer, no fsync,
 * like Chronicle's memory-mapped writes reach the page cache and no further). Prices are exact
 * decimals ({@code BigDecimal.valueOf(units, scale)}), as a readable journal would write them.
 * Input events go through {@link #append}; as a {@link RecordSink} it also takes the strategy's
 * output records. Single-threaded.
 */
public final class JsonLinesJournal implements RecordSink, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator gen;
    private long index;
    private long outputs;

    public JsonLinesJournal(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            gen = JSON.createGenerator(out, JsonEncoding.UTF8);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one input event as a line and stamps its index (journal first, then act). */
    public void append(MarketEvent e) {
        try {
            JsonGenerator g = gen;
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeStringField("type", EventType.name(e.type));
            g.writeNumberField("source", e.source);
            g.writeNumberField("token", e.tokenId);
            g.writeNumberField("recvNanos", e.recvNanos);
            g.writeNumberField("exchTimeMs", e.exchTimeMs);
            switch (e.type) {
                case EventType.PERP_BBO -> {
                    price(g, "bidPx", e.bidPx);
                    size(g, "bidSz", e.bidSz);
                    price(g, "askPx", e.askPx);
                    size(g, "askSz", e.askSz);
                }
                case EventType.PERP_BOOK -> {
                    levels(g, "bids", e.bidCount, e.bidPxs, e.bidSzs, e.bidNs);
                    levels(g, "asks", e.askCount, e.askPxs, e.askSzs, e.askNs);
                }
                case EventType.PERP_CTX -> {
                    price(g, "funding", e.funding);
                    price(g, "premium", e.premium);
                    size(g, "openInterest", e.openInterest);
                    price(g, "oraclePx", e.oraclePx);
                    price(g, "markPx", e.markPx);
                    price(g, "midPx", e.midPx);
                    price(g, "impactBidPx", e.impactBidPx);
                    price(g, "impactAskPx", e.impactAskPx);
                    price(g, "prevDayPx", e.prevDayPx);
                    size(g, "dayNtlVlm", e.dayNtlVlm);
                }
                case EventType.PERP_MID -> price(g, "midPx", e.midPx);
                case EventType.SPOT_PRICE -> {
                    price(g, "spotPx", e.spotPx);
                    g.writeNumberField("liquidityUsd", e.liquidityUsd);
                    g.writeNumberField("blockId", e.blockId);
                }
                default -> {
                    g.writeNumberField("status", e.status);
                    g.writeStringField("text", e.textString());
                }
            }
            g.writeEndObject();
            g.writeRaw('\n');
            e.journalIndex = index++;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes one strategy output record as a line. */
    @Override
    public void write(OutputRecord r) {
        try {
            JsonGenerator g = gen;
            g.writeStartObject();
            g.writeStringField("type", r.type == OutputType.OPPORTUNITY ? "Opportunity" : "Spread");
            g.writeNumberField("token", r.tokenId);
            g.writeNumberField("inputIndex", r.inputIndex);
            g.writeNumberField("timeNanos", r.timeNanos);
            price(g, "spotPx", r.spotPx);
            price(g, "perpMid", r.perpMid);
            g.writeNumberField("basisBps", r.basisBps);
            g.writeNumberField("z", r.z);
            if (r.type == OutputType.OPPORTUNITY) {
                g.writeStringField("direction", OutputRecord.directionName(r.direction));
                g.writeNumberField("netBps", r.netBps);
            }
            g.writeEndObject();
            g.writeRaw('\n');
            outputs++;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Input events appended. */
    public long appended() {
        return index;
    }

    /** Output records written. */
    public long outputs() {
        return outputs;
    }

    /** Pushes buffered lines to the file (the OS page cache). */
    public void flush() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void price(JsonGenerator g, String name, long units) throws IOException {
        if (units == FixedPoint.NULL) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            g.writeNumber(BigDecimal.valueOf(units, FixedPoint.PRICE_DECIMALS).stripTrailingZeros().toPlainString());
        }
    }

    private static void size(JsonGenerator g, String name, long units) throws IOException {
        if (units == FixedPoint.NULL) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            g.writeNumber(BigDecimal.valueOf(units, FixedPoint.SIZE_DECIMALS).stripTrailingZeros().toPlainString());
        }
    }

    private static void levels(JsonGenerator g, String name, int n, long[] pxs, long[] szs, int[] ns)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < n; i++) {
            g.writeStartObject();
            price(g, "px", pxs[i]);
            size(g, "sz", szs[i]);
            g.writeNumberField("n", ns[i]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    public void close() {
        try {
            gen.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
