package io.perpspot.bench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The rate search's choices, driven by a pretend engine that carries every rate up to a limit. */
class RateSearchTest {
    private static List<Long> probe(RateSearch s, LongPredicate carries) {
        List<Long> rates = new ArrayList<>();
        for (long r; (r = s.next()) > 0; ) {
            rates.add(r);
            s.record(carries.test(r) ? 500_000 : 2_000_000, 0, 0);
        }
        return rates;
    }

    @Test
    void doublesUntilAProbeFailsThenBisectsBetweenTheLastPassAndTheFirstFailure() {
        RateSearch s = new RateSearch(100_000, 1_000_000, 10_000_000, 4);
        List<Long> rates = probe(s, r -> r <= 700_000);
        assertEquals(List.of(100_000L, 200_000L, 400_000L, 800_000L, 600_000L, 700_000L, 750_000L, 725_000L), rates);
        assertEquals(700_000, s.highestPassed());
        assertFalse(s.reachedCeiling());
    }

    @Test
    void aDropFailsAProbeWhateverItsLatency() {
        RateSearch s = new RateSearch(1_000, 1_000_000, 1_000, 4);
        s.record(10, 1, 0);
        assertEquals(0, s.highestPassed());
        assertFalse(s.probes().get(0).passed());
    }

    @Test
    void stopsAtTheCeilingWhenEveryProbePasses() {
        RateSearch s = new RateSearch(100_000, 1_000_000, 500_000, 4);
        assertEquals(List.of(100_000L, 200_000L, 400_000L, 500_000L), probe(s, r -> true));
        assertEquals(500_000, s.highestPassed());
        assertTrue(s.reachedCeiling());
    }

    @Test
    void halvesDownwardsWhenTheFirstProbeAlreadyFails() {
        RateSearch s = new RateSearch(100_000, 1_000_000, 10_000_000, 3);
        assertEquals(List.of(100_000L, 50_000L, 25_000L, 12_500L), probe(s, r -> r <= 10_000));
        assertEquals(0, s.highestPassed());
    }
}
