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
 * source reports up), or one of {@code down-sources} reports down. With {@code for: D} it fires only once that
 * state has lasted D of event time (the source reporting another state first ends it), on the first input record
 * that shows it.
 */
public final class FailoverRule extends Rule {
    private final Set<String> fallbackSources;
    private final Set<String> downSources;
    private final long forNanos;
    private final long[] since = new long[Source.COUNT];
    private final String[] reason = new String[Source.COUNT];
    private final int[] state = new int[Source.COUNT];

    /** The rule; sources by journal name; {@code lasting} zero fires at once. */
    public FailoverRule(String name, Duration cooldown, Set<String> fallbackSources, Set<String> downSources,
            Duration lasting) {
        super(name, cooldown);
        this.fallbackSources = Set.copyOf(fallbackSources);
        this.downSources = Set.copyOf(downSources);
        this.forNanos = lasting.toNanos();
    }

    @Override
    public Alert onInput(MarketEvent e, String link) {
        if (e.type == EventType.SOURCE_STATUS && e.source >= 0 && e.source < Source.COUNT) {
            String source = Source.name(e.source);
            // A planned stop (the engine closing the source) is no failure to alert on.
            boolean planned = SourceState.plannedStop(e.status, e.textString());
            boolean watched = e.status == SourceState.UP && fallbackSources.contains(source)
                    || e.status == SourceState.DOWN && !planned && downSources.contains(source);
            since[e.source] = watched ? e.recvNanos : 0;
            state[e.source] = e.status;
            reason[e.source] = e.textString();
        }
        for (int s = 0; s < Source.COUNT; s++) {
            if (since[s] != 0 && e.recvNanos - since[s] >= forNanos) {
                long lasted = e.recvNanos - since[s];
                since[s] = 0;
                return alert(s, lasted, e.recvNanos, link);
            }
        }
        return null;
    }

    private Alert alert(int s, long lastedNanos, long now, String link) {
        String source = Source.name(s);
        String what = state[s] == SourceState.UP ? "failover: now on fallback source " + source
                : "source " + source + " down";
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("state", SourceState.name(state[s]));
        n.put("reason", reason[s]);
        if (forNanos > 0) {
            n.put("for_s", round(lastedNanos / 1e9, 1));
        }
        return new Alert(name(), "failover", what, null, source, n, now, link);
    }
}
