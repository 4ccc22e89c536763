package io.perpspot.alerts;

import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.Evaluator;
import io.perpspot.engine.journal.JournalReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the rules would fire on a journal, from its start: a function of the journaled records (deterministic). */
public final class AlertsReplay {
    private AlertsReplay() {
    }

    /** The alerts the rules of {@code setup} fire on the journal in {@code dir}, after deduplication, in order. */
    public static List<Alert> run(Path dir, AlertsSetup setup) {
        List<Alert> out = new ArrayList<>();
        Evaluator ev = new Evaluator(setup.file().rules(), setup.link(), out::add);
        try (JournalWalk walk = new JournalWalk(JournalReader.open(dir), ev, null, true)) {
            while (walk.step() > 0) {
                // until the end of what is written
            }
        }
        return out;
    }
}
