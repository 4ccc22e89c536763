package io.perpspot.alerts.rule;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.EngineEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs every rule over journaled records in journal order and deduplicates: the same rule and key (token or source;
 * an opportunity's token and venue pair) fire once within the rule's cooldown of event time. A function of the
 * records seen, so replay decides the same. Not thread-safe: one tailer thread feeds it.
 */
public final class Evaluator {
    private final List<Rule> rules;
    private final List<TradeModel> models;
    private final String link;
    private final Consumer<Alert> out;
    private final Map<Integer, String> symbols = new HashMap<>();
    private final Map<String, Long> lastFired = new TreeMap<>();
    private long suppressed;

    /** Rules in file order; {@code out} receives each alert that passes deduplication. */
    public Evaluator(List<Rule> rules, String link, Consumer<Alert> out) {
        this.rules = List.copyOf(rules);
        this.models = this.rules.stream().map(Rule::model).filter(Objects::nonNull).distinct().toList();
        this.link = link;
        this.out = out;
    }

    /**
     * An input record before the starting point (a resume point, or the journal's end): it names tokens and feeds
     * the trade models (so slippage and templates are priced on the state the engine had), and fires nothing.
     */
    public void prime(MarketEvent e) {
        if (e.type == EventType.TOKEN_DEF) {
            symbols.put(e.tokenId, EngineEvents.token(e).symbol());
        }
        for (TradeModel m : models) {
            m.onInput(e);
        }
    }

    /** One input record: TokenDefs name tokens, SourceStatus records may fire. */
    public void onInput(MarketEvent e) {
        prime(e);
        if (e.type == EventType.TOKEN_DEF) {
            return;
        }
        for (Rule r : rules) {
            emit(r, r.onInput(e, link));
        }
    }

    /** One output record: opportunities may fire. */
    public void onOutput(OutputRecord rec) {
        String symbol = symbols.get(rec.tokenId);
        for (Rule r : rules) {
            emit(r, r.onOutput(rec, symbol, link));
        }
    }

    /** A look at the journal's disk (the running alerts only; replay has no disk to look at). */
    public void onDisk(String journal, long freeBytes, long nowNanos) {
        for (Rule r : rules) {
            emit(r, r.onDisk(journal, freeBytes, nowNanos, link));
        }
    }

    private void emit(Rule r, Alert a) {
        if (a == null) {
            return;
        }
        String key = r.name() + "|" + r.key(a);
        Long last = lastFired.get(key);
        if (last != null && a.timeNanos() - last < r.cooldown().toNanos()) {
            suppressed++;
            return;
        }
        lastFired.put(key, a.timeNanos());
        out.accept(a);
    }

    /** Alerts held back by a cooldown. */
    public long suppressed() {
        return suppressed;
    }

    /** Event time each rule|key last fired (saved with the resume point, so a restart keeps the cooldowns). */
    public Map<String, Long> lastFired() {
        return lastFired;
    }

    /** Restores {@link #lastFired()} from a saved resume point. */
    public void restore(Map<String, Long> fired) {
        lastFired.putAll(fired);
    }
}
