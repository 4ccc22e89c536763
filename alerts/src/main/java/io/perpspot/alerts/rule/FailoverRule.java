package io.perpspot.alerts.rule;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: failover}, from SourceStatus records: a side now served by one of {@code fallback-sources} (the
 * source reports up), or one of {@code down-sources} reports down.
 */
public final class FailoverRule extends Rule {
    private final Set<String> fallbackSources;
    private final Set<String> downSources;

    /** The rule; sources by journal name ({@code hl-ws-testnet}, ...). */
    public FailoverRule(String name, Duration cooldown, Set<String> fallbackSources, Set<String> downSources) {
        super(name, cooldown);
        this.fallbackSources = Set.copyOf(fallbackSources);
        this.downSources = Set.copyOf(downSources);
    }

    @Override
    public Alert onInput(MarketEvent e, String link) {
        if (e.type != EventType.SOURCE_STATUS) {
            return null;
        }
        String source = Source.name(e.source);
        String what;
        if (e.status == SourceState.UP && fallbackSources.contains(source)) {
            what = "failover: now on fallback source " + source;
        } else if (e.status == SourceState.DOWN && downSources.contains(source)) {
            what = "source " + source + " down";
        } else {
            return null;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("state", SourceState.name(e.status));
        n.put("reason", e.textString());
        return new Alert(name(), "failover", what, null, source, n, e.recvNanos, link);
    }
}
