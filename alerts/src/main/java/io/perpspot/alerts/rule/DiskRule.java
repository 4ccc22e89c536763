package io.perpspot.alerts.rule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kind: disk}: the journal's file system has less than {@code min-free} bytes usable. Not a function of the
 * journal: the running alerts look at the disk every few seconds (wall clock), and {@code alerts replay} ignores it.
 * Fires once per low spell; more room than the bound ends it.
 */
public final class DiskRule extends Rule {
    private final long minFree;
    private boolean low;

    /** The rule. */
    public DiskRule(String name, Duration cooldown, long minFree) {
        super(name, cooldown);
        this.minFree = minFree;
    }

    /** The alert a look at the disk fires, or null. */
    @Override
    public Alert onDisk(String journal, long freeBytes, long nowNanos, String link) {
        if (freeBytes >= minFree) {
            low = false;
            return null;
        }
        if (low) {
            return null;
        }
        low = true;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("free_mb", freeBytes >> 20);
        n.put("min_free_mb", minFree >> 20);
        return new Alert(name(), "disk", "journal disk low", null, journal, n, nowNanos, link);
    }
}
