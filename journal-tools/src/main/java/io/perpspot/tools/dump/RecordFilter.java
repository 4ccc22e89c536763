package io.perpspot.tools.dump;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which records {@code journal dump} prints: by queue, by type name (input or output types,
 * case-insensitive) and by token symbol (case-insensitive). Empty lists mean "all".
 */
final class RecordFilter {
    private final boolean[] inputTypes = new boolean[EventType.MAX + 1];
    private final boolean[] outputTypes = new boolean[OutputType.MAX + 1];
    private final Set<String> symbols = new HashSet<>();
    private final boolean anyToken;

    private RecordFilter(boolean anyToken) {
        this.anyToken = anyToken;
    }

    /**
     * Builds a filter.
     *
     * @param queue input, output or all
     * @throws IllegalArgumentException (one-line message) for an unknown type name
     */
    static RecordFilter parse(String queue, List<String> types, List<String> tokens) {
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
                    throw new IllegalArgumentException("journal dump: unknown --type '" + name + "'; one of "
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
    Set<String> symbols() {
        return symbols;
    }

    boolean anyInput() {
        for (boolean b : inputTypes) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    boolean anyOutput() {
        for (boolean b : outputTypes) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    boolean input(int type, Token token) {
        return type > 0 && type < inputTypes.length && inputTypes[type] && token(token);
    }

    boolean output(int type, Token token) {
        return type > 0 && type < outputTypes.length && outputTypes[type] && token(token);
    }

    private boolean token(Token t) {
        return anyToken || t != null && symbols.contains(t.symbol().toUpperCase(Locale.ROOT));
    }
}
