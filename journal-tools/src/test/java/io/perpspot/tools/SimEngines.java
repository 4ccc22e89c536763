package io.perpspot.tools;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.strategy.Strategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/** Helpers of the reliability tests: in-process sim engines, journal folds. */
final class SimEngines {
    private SimEngines() {
    }

    /** A sim engine (not started) on {@code journal}, 20 pairs, the given extra settings. */
    static Engine sim(Path journal, String... sets) {
        List<String> all = new ArrayList<>(List.of("sim.tokens=20", "tokens.max=20"));
        all.addAll(List.of(sets));
        return new Engine(EngineOptions.of(ConfigLoader.load(null, all), journal).feed("sim"));
    }

    /** The state of a fresh strategy after folding the journal's whole input queue. */
    static byte[] fullFold(Path journal) {
        Strategy s = new Strategy(r -> { });
        try (JournalReader reader = JournalReader.open(journal)) {
            reader.forEachInput(e -> {
                s.onEvent(e);
                return true;
            });
        }
        return state(s);
    }

    static byte[] state(Strategy s) {
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(1 << 16);
        s.writeState(b);
        return b.toByteArray();
    }

    /** Every input and output record of the journal, read to the end: {input count, output count}. */
    static long[] readAll(Path journal) {
        try (JournalReader r = JournalReader.open(journal)) {
            long in = r.forEachInput(e -> true);
            long out = r.forEachOutput((o, i) -> true);
            return new long[] {in, out};
        }
    }

    /** The texts of the journal's EngineStart records, in order. */
    static List<String> engineStarts(Path journal) {
        List<String> starts = new ArrayList<>();
        try (JournalReader r = JournalReader.open(journal)) {
            r.forEachInput(e -> {
                if (e.type == EventType.ENGINE_START) {
                    starts.add(e.textString());
                }
                return true;
            });
        }
        return starts;
    }

}
