package io.perpspot.tools.history;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes imported ticks as a new journal: an EngineStart with the configuration's strategy
 * parameters, one TokenDef per coin (in order of first appearance; the pair's mint and decimals
 * from the shipped token table when it knows the coin), then every tick in event-time order
 * (ties keep input order), all with source {@link Source#IMPORT}. Only existing record types are
 * used, so every reader, replay and backtest reads the result unchanged.
 */
final class HistoryJournal {
    /** Mint written for a coin the token table does not know (the all-ones System Program address: no token). */
    static final String UNKNOWN_MINT = "11111111111111111111111111111111";

    private HistoryJournal() {
    }

    /** True when {@code dir} is missing or an empty directory. */
    static boolean usable(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Writes the journal; returns the tokens defined. */
    static List<Token> write(Path dir, Config config, List<Tick> ticks) {
        List<Tick> sorted = new ArrayList<>(ticks);
        sorted.sort(Comparator.comparingLong((Tick t) -> t.nanos).thenComparingLong(t -> t.seq));
        Map<String, Token> tokens = new LinkedHashMap<>();
        Map<String, Token> known = new LinkedHashMap<>();
        try (InputStream in = HistoryJournal.class.getResourceAsStream("/perpspot-defaults/tokens.csv")) {
            if (in != null) {
                for (Token t : TokenTable.read(in, "built-in tokens.csv")) {
                    known.putIfAbsent(t.hlCoin(), t);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (Tick t : sorted) {
            tokens.computeIfAbsent(t.coin, c -> {
                Token k = known.get(c);
                int id = tokens.size();
                return k != null ? k.withId(id) : new Token(id, c, c, c.startsWith("k") && c.length() > 1
                        && Character.isUpperCase(c.charAt(1)) ? 3 : 0, UNKNOWN_MINT, 0);
            });
        }
        long start = sorted.isEmpty() ? 0 : sorted.get(0).nanos - 1;
        Journal journal = Journal.openForWrite(dir, "daily");
        try (ExcerptAppender a = journal.input().createAppender()) {
            MarketEvent e = new MarketEvent();
            EngineEvents.engineStart(e, StrategySettings.from(config).text(), start);
            e.setText("# perpspot import\n" + e.textString());
            append(a, e);
            for (Token t : tokens.values()) {
                append(a, EngineEvents.tokenDef(e, t, start));
            }
            for (Tick t : sorted) {
                t.fill(e, tokens.get(t.coin).id(), Source.IMPORT);
                append(a, e);
            }
        } finally {
            journal.close();
        }
        return List.copyOf(tokens.values());
    }

    private static void append(ExcerptAppender a, MarketEvent e) {
        try (DocumentContext dc = a.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }
}
