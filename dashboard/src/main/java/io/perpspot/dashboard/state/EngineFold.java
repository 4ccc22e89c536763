package io.perpspot.dashboard.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One journal folded for the dashboard: its {@link JournalTailer} and the {@link MarketView} it folds into, with
 * the engine id when the dashboard shows several engines (each its own fold: token ids are per engine) and what the
 * journal's source says about its copy (e.g. how far the Kafka pull is behind).
 */
public final class EngineFold implements AutoCloseable {
    private final String engine;
    private final Path dir;
    private final MarketView view;
    private final JournalTailer tailer;
    private final Supplier<Map<String, Object>> copy;

    /**
     * @param engine the engine id, or null for the one journal of {@code perpspot dashboard --journal}
     * @param copy   figures of the journal's copy for the health page, or null when the journal is no copy
     */
    public EngineFold(String engine, Path dir, MarketView view, JournalTailer tailer,
                      Supplier<Map<String, Object>> copy) {
        this.engine = engine;
        this.dir = dir;
        this.view = view;
        this.tailer = tailer;
        this.copy = copy;
    }

    /** The engine id (null: the dashboard's only journal). */
    public String engine() {
        return engine;
    }

    /** The journal's directory. */
    public Path dir() {
        return dir;
    }

    /** The folded picture. */
    public MarketView view() {
        return view;
    }

    /** The tailer folding the journal. */
    public JournalTailer tailer() {
        return tailer;
    }

    /** The engine's shard as its journal says, or null before its first EngineStart. */
    public String shard() {
        return view.shard();
    }

    /** The token's row, naming this fold's engine and shard when it has an engine id; null when unknown. */
    public TokenRow row(String symbol) {
        TokenRow r = view.row(symbol);
        return r == null || engine == null ? r : r.of(engine, shard());
    }

    /** The copy's figures (null when the journal is no copy). */
    public Map<String, Object> copy() {
        return copy == null ? null : copy.get();
    }

    @Override
    public void close() {
        tailer.close();
    }
}
