package io.perpspot.tools.format;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;

/**
 * Compact human lines for journal records:
 * {@code <time> <queue> <index> <type> <token> <source|<-input index> field=value ...}.
 */
public final class RecordText {
    private final StringBuilder sb = new StringBuilder(256);
    private final TextFields fields = new TextFields(sb);

    /** The line for an input record. */
    public String input(MarketEvent e, String symbol) {
        sb.setLength(0);
        sb.append(Times.isoNanos(e.recvNanos)).append("  in  ").append(e.journalIndex).append("  ");
        pad(EventType.name(e.type), 12);
        pad(symbol == null ? "-" : symbol, 7);
        pad(Source.name(e.source), 14);
        InputFields.body(e, fields);
        return sb.toString();
    }

    /** The line for an output record at queue index {@code index}. */
    public String output(OutputRecord r, long index, String symbol) {
        sb.setLength(0);
        sb.append(Times.isoNanos(r.timeNanos)).append("  out ").append(index).append("  ");
        pad(OutputType.name(r.type), 12);
        pad(symbol == null ? "-" : symbol, 7);
        pad("<-" + r.inputIndex, 14);
        OutputFields.body(r, fields);
        return sb.toString();
    }

    private void pad(String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(' ');
    }
}
