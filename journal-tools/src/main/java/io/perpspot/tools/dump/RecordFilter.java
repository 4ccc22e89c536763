package io.perpspot.tools.dump;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which records {@code journal dump} prints and {@code journal export} writes: by queue, by type
 * name (input or output types, case-insensitive), by token symbol (case-insensitive) and by {@link VenuePair} (which
 * narrows only the records that have one, Spread and Opportunity). Empty lists mean "all".
 */
public final class RecordFilter {
    private final boolean[] inputTypes = new boolean[EventType.MAX + 1];
    private final boolean[] outputTypes = new boolean[OutputType.MAX + 1];
    private final Set<String> symbols = new HashSet<>();
    private final boolean anyToken;
    private final boolean[] pairs = {true, true, true};

    private RecordFilter(boolean anyToken) {
        this.anyToken = anyToken;
    }

    /**
     * Builds a filter.
     *
     * @param command the command naming itself in errors ({@code journal dump})
     * @param queue input, output or all
     * @throws IllegalArgumentException (one-line message) for an unknown type name
     */
    public static RecordFilter parse(String command, String queue, List<String> types, List<String> tokens) {
        RecordFilter f = new RecordFilter(tokens == null || tokens.isEmpty());
        boolean wantInput = !queue.equals("output");
        boolean wantOutput = !queue.equals("input");
        if (types == null || types.isEmpty()) {
            for (int t = 1; t <= EventType.MAX; t++) {
                f.inputTypes[t] = wantInput;
            }
            for (int t = 1; t <= OutputType.MAX; t++) {
                f.outputTypes[t] = wantOutput;
            }
        } else {
            for (String name : types) {
                int in = EventType.byName(name.trim());
                int out = OutputType.byName(name.trim());
                if (in < 0 && out < 0) {
                    throw new IllegalArgumentException(command + ": unknown --type '" + name + "'; one of "
                            + typeNames());
                }
                if (in > 0) {
                    f.inputTypes[in] = wantInput;
                }
                if (out > 0) {
                    f.outputTypes[out] = wantOutput;
                }
            }
        }
        if (tokens != null) {
            for (String t : tokens) {
                f.symbols.add(t.trim().toUpperCase(Locale.ROOT));
            }
        }
        return f;
    }

    /**
     * Narrows the Spread and Opportunity records to the venue pairs named (case-insensitive; empty or null: every
     * pair); other records are not about a pair and stay as the other options select them.
     *
     * @throws IllegalArgumentException (one-line message) for an unknown pair name
     */
    public RecordFilter pairs(String command, List<String> names) {
        if (names == null || names.isEmpty()) {
            return this;
        }
        Arrays.fill(pairs, false);
        for (String name : names) {
            int p = VenuePair.byName(name.trim());
            if (p < 0) {
                throw new IllegalArgumentException(command + ": unknown --pair '" + name.trim() + "'; one of "
                        + VenuePair.name(0) + ", " + VenuePair.name(1) + ", " + VenuePair.name(2));
            }
            pairs[p] = true;
        }
        return this;
    }

    static String typeNames() {
        List<String> names = new ArrayList<>();
        for (int t = 1; t <= EventType.MAX; t++) {
            if (!EventType.name(t).startsWith("unknown")) {
                names.add(EventType.name(t));
            }
        }
        for (int t = 1; t <= OutputType.MAX; t++) {
            names.add(OutputType.name(t));
        }
        return String.join(", ", names);
    }

    /** The requested symbols, upper-cased. */
    public Set<String> symbols() {
        return symbols;
    }

    /**
     * The one-line error for the first requested symbol no TokenDef in the journal names (a full
     * pass over the input queue), or null when every one is defined (or none was requested).
     */
    public String unknownToken(String command, JournalReader reader) {
        if (symbols.isEmpty()) {
            return null;
        }
        Set<String> defined = new TreeSet<>();
        reader.forEachInput(e -> {
            if (e.type == EventType.TOKEN_DEF) {
                defined.add(reader.token(e.tokenId).symbol().toUpperCase(Locale.ROOT));
            }
            return true;
        });
        for (String s : new TreeSet<>(symbols)) {
            if (!defined.contains(s)) {
                return command + ": unknown --token '" + s + "': " + (defined.isEmpty()
                        ? "the journal defines no tokens" : "the journal defines " + String.join(", ", defined));
            }
        }
        return null;
    }

    /** Whether any input type is selected. */
    public boolean anyInput() {
        for (boolean b : inputTypes) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Whether any output type is selected. */
    public boolean anyOutput() {
        for (boolean b : outputTypes) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Whether an input record of this type and token is selected. */
    public boolean input(int type, Token token) {
        return type > 0 && type < inputTypes.length && inputTypes[type] && token(token);
    }

    /** Whether an output record of this type and token is selected. */
    public boolean output(int type, Token token) {
        return type > 0 && type < outputTypes.length && outputTypes[type] && token(token);
    }

    /** Whether an output record (its type, token and, for Spread and Opportunity, its venue pair) is selected. */
    public boolean output(OutputRecord r, Token token) {
        boolean paired = r.type == OutputType.SPREAD || r.type == OutputType.OPPORTUNITY;
        return output(r.type, token) && (!paired || pairs[r.pair]);
    }

    private boolean token(Token t) {
        return anyToken || t != null && symbols.contains(t.symbol().toUpperCase(Locale.ROOT));
    }
}
