package io.perpspot.alerts.rule;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: no-data}: a source of {@code sources} that has sent market data sends none for {@code for} of event
 * time (the clock is the journal's: any later input record shows the silence). Fires once per silence; data from the
 * source again ends it.
 */
public final class NoDataRule extends Rule {
    private final Set<String> sources;
    private final long forNanos;
    private final long[] lastData = new long[Source.COUNT];
    private final boolean[] fired = new boolean[Source.COUNT];

    /** The rule; sources by journal name. */
    public NoDataRule(String name, Duration cooldown, Set<String> sources, Duration silence) {
        super(name, cooldown);
        this.sources = Set.copyOf(sources);
        this.forNanos = silence.toNanos();
    }

    @Override
    public Alert onInput(MarketEvent e, String link) {
        if (EventType.isMarketData(e.type) && e.source >= 0 && e.source < Source.COUNT) {
            lastData[e.source] = e.recvNanos;
            fired[e.source] = false;
        }
        for (int s = 0; s < Source.COUNT; s++) {
            if (lastData[s] != 0 && !fired[s] && e.recvNanos - lastData[s] >= forNanos
                    && sources.contains(Source.name(s))) {
                fired[s] = true;
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("silent_s", round((e.recvNanos - lastData[s]) / 1e9, 1));
                return new Alert(name(), "no-data", "no data from " + Source.name(s), null, Source.name(s), n,
                        e.recvNanos, link);
            }
        }
        return null;
    }
}
