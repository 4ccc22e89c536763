package io.perpspot.alerts.rule;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kind: cache-switch}: the cache's serving backend changed (cache-redis or cache-local reports up while the
 * other one served). The first backend of a run is a choice, not a switch: it does not fire.
 */
public final class CacheSwitchRule extends Rule {
    private int serving = -1;

    /** The rule. */
    public CacheSwitchRule(String name, Duration cooldown) {
        super(name, cooldown);
    }

    @Override
    public Alert onInput(MarketEvent e, String link) {
        if (e.type == EventType.ENGINE_START) {
            serving = -1;
            return null;
        }
        if (e.type != EventType.SOURCE_STATUS || e.status != SourceState.UP
                || e.source != Source.CACHE_REDIS && e.source != Source.CACHE_LOCAL || e.source == serving) {
            return null;
        }
        int before = serving;
        serving = e.source;
        if (before < 0) {
            return null;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("from", Source.name(before));
        n.put("to", Source.name(e.source));
        n.put("reason", e.textString());
        return new Alert(name(), "cache-switch", "cache backend switched to " + Source.name(e.source), null,
                Source.name(e.source), n, e.recvNanos, link);
    }

    @Override
    String key(Alert a) {
        return "cache"; // one cooldown for the cache, whichever way it switched
    }
}
