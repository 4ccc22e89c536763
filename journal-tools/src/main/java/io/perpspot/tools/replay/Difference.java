package io.perpspot.tools.replay;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.tools.format.FieldTable;
import io.perpspot.tools.format.OutputFields;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The first place where replayed output and recorded output part: which output record, which
 * input record, token and type, and both versions field by field. Built only on failure, so it
 * may allocate.
 */
final class Difference {
    /** What kind of difference. */
    enum Kind {
        /** Same position, different bytes. */
        CHANGED("the recorded record differs from the one replay derived"),
        /** Replay derived a record the recorded output does not have (here or at all). */
        MISSING("replay derived a record that the recorded output does not have"),
        /** The recorded output has a record replay did not derive. */
        EXTRA("the recorded output has a record that replay did not derive");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    final Kind kind;
    /** 1-based number of the output record in the recorded queue where the difference shows. */
    final long recordNumber;
    /** Chronicle index of that recorded record, or -1 when the recorded queue has ended. */
    final long recordedIndex;
    final OutputRecord recorded;
    final OutputRecord derived;
    /** Offset of the first differing byte, or -1 when one side is missing. */
    final long firstByte;
    final long recordedLength;
    final long derivedLength;

    Difference(Kind kind, long recordNumber, long recordedIndex, OutputRecord recorded, OutputRecord derived,
            long firstByte, long recordedLength, long derivedLength) {
        this.kind = kind;
        this.recordNumber = recordNumber;
        this.recordedIndex = recordedIndex;
        this.recorded = recorded;
        this.derived = derived;
        this.firstByte = firstByte;
        this.recordedLength = recordedLength;
        this.derivedLength = derivedLength;
    }

    /** The record that locates the difference: the derived one, else the recorded one. */
    OutputRecord where() {
        if (kind == Kind.EXTRA || derived == null) {
            return recorded;
        }
        return derived;
    }

    void print(PrintWriter out, TokenNames names, long events, long identical) {
        OutputRecord w = where();
        out.println("replay --verify: DIFFERENCE at output record " + recordNumber
                + (recordedIndex >= 0 ? " (output index " + recordedIndex + ")"
                        : " (past the end of the recorded output)")
                + ": input index " + w.inputIndex + ", token " + names.symbol(w.tokenId)
                + ", type " + OutputType.name(w.type));
        out.println("  " + kind.text
                + (firstByte >= 0 ? " (first differing byte " + firstByte + "; lengths " + recordedLength
                        + " recorded, "
                        + derivedLength + " replayed)" : ""));
        Map<String, String> rec = fields(recorded);
        Map<String, String> der = fields(derived);
        Set<String> names2 = new LinkedHashSet<>(rec.keySet());
        names2.addAll(der.keySet());
        int w1 = 10;
        int w2 = 10;
        for (String n : names2) {
            w1 = Math.max(w1, n.length());
            w2 = Math.max(w2, rec.getOrDefault(n, "-").length());
        }
        out.printf("    %-" + w1 + "s  %-" + w2 + "s  %s%n", "field", "recorded", "replayed");
        for (String n : names2) {
            String a = recorded == null ? "-" : rec.getOrDefault(n, "-");
            String b = derived == null ? "-" : der.getOrDefault(n, "-");
            out.printf("  %s %-" + w1 + "s  %-" + w2 + "s  %s%n", a.equals(b) ? " " : "*", n, a, b);
        }
        out.println("  " + identical + " output records matched before this one; " + events
                + " input events replayed up to the difference");
        out.flush();
    }

    private static Map<String, String> fields(OutputRecord r) {
        FieldTable t = new FieldTable();
        if (r == null) {
            return t.fields();
        }
        t.put("type", OutputType.name(r.type));
        OutputFields.header(r, t);
        OutputFields.body(r, t);
        return t.fields();
    }

    /** Token id to symbol, for the report. */
    @FunctionalInterface
    interface TokenNames {
        String symbol(int tokenId);
    }
}
