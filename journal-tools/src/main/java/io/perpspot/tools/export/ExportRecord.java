package io.perpspot.tools.export;

import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.Token;
import io.perpspot.tools.format.InputFields;
import io.perpspot.tools.format.OutputFields;

/**
 * The record being exported (reused for every record): an input event or an output record, its
 * journal index, the token in force when it was journaled and the journal's engine id. Hands its
 * columns to a {@link ColumnSink} in table order: the header, then every field of the type
 * ({@link InputFields}, {@link OutputFields}).
 */
final class ExportRecord {
    boolean input;
    MarketEvent event;
    OutputRecord output;
    long index;
    Token token;
    String engineId;

    /** Event time: the receive time of an input event, the event time of an output record. */
    long eventNanos() {
        return input ? event.recvNanos : output.timeNanos;
    }

    /** The record's type ({@code EventType} or {@code OutputType}, by {@link #input}). */
    int type() {
        return input ? event.type : output.type;
    }

    void writeTo(ColumnSink s) {
        s.timestamp("eventTime", eventNanos(), false);
        s.integer("journalIndex", index, false);
        s.text("engineId", engineId);
        s.text("token", token == null ? null : token.symbol());
        s.text("coin", token == null ? null : token.hlCoin());
        if (input) {
            s.integer("tokenId", event.tokenId, event.tokenId < 0);
            s.text("source", Source.name(event.source));
            s.timestamp("exchangeTime", event.exchTimeMs * 1_000_000L, event.exchTimeMs == 0);
            s.timestamp("receiveTime", event.recvNanos, false);
            InputFields.body(event, s);
        } else {
            s.integer("tokenId", output.tokenId, output.tokenId < 0);
            s.integer("inputIndex", output.inputIndex, false);
            OutputFields.body(output, s);
        }
    }
}
