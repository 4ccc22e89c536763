package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.cache.FakeBackend.REFUSED;
import static io.perpspot.engine.cache.FakeBackend.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.perpspot.engine.cache.CacheTestSupport.Recorder;
import io.perpspot.engine.cache.CacheTestSupport.Status;
import io.perpspot.engine.cache.RemoteBackend.Probe;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The switch policy on a {@link FakeBackend}: each {@code check()} is one health check (a manual
 * tick), so every switch, hold-back and event is deterministic.
 */
class FailoverPolicyTest {
    private static final String URI = "redis://127.0.0.1:6399";
    private static final Status REDIS_UP = new Status(Source.CACHE_REDIS, SourceState.UP,
            "serving the cache: redis at " + URI + " answers");
    private static final Status LOCAL_STANDBY = new Status(Source.CACHE_LOCAL, SourceState.DOWN,
            "standby: redis serves the cache");
    private static final Status LOCAL_UP = new Status(Source.CACHE_LOCAL, SourceState.UP,
            "serving the cache: redis unavailable");

    private final Recorder events = new Recorder();
    private final FakeBackend redis = new FakeBackend();

    private FailoverPolicy started(Probe... probes) {
        FailoverPolicy p = new FailoverPolicy(settings(URI), redis.then(probes), events);
        p.start();
        return p;
    }

    @Test
    void startsOnRedisWhenTheFirstProbeAnswers() {
        FailoverPolicy p = started(Probe.OK);
        assertEquals(CacheBackend.REDIS, p.serving());
        assertEquals(1, p.switches());
        assertEquals(List.of(REDIS_UP, LOCAL_STANDBY), events.snapshot());
    }

    @Test
    void startsLocalWhenRedisIsUnavailableAndSaysSoOnceWhateverTheLaterProbesFind() {
        FailoverPolicy p = started(REFUSED);
        for (int i = 0; i < 3; i++) {
            assertFalse(p.check(), "a failure while local needs no confirmation");
        }
        p.check(); // the script's last result repeats: still refused
        assertEquals(CacheBackend.LOCAL, p.serving());
        assertEquals(5, redis.probes());
        assertEquals(1, p.switches());
        assertEquals(List.of(new Status(Source.CACHE_REDIS, SourceState.DOWN, REFUSED.failure()),
                new Status(Source.CACHE_LOCAL, SourceState.UP, "serving the cache: redis unavailable at start")),
                events.snapshot());
        assertEquals(REFUSED.failure(), p.lastError());
    }

    @Test
    void oneTimedOutProbeIsHeldBackAndTheSecondInARowSwitchesToLocal() {
        FailoverPolicy p = started(Probe.OK, TIMED_OUT, TIMED_OUT);
        assertTrue(p.check(), "the first timeout asks for a confirming check");
        assertEquals(CacheBackend.REDIS, p.serving(), "one slow answer is not an outage");
        assertEquals(2, events.snapshot().size());
        assertFalse(p.check());
        assertEquals(CacheBackend.LOCAL, p.serving());
        assertEquals(2, p.switches());
        assertEquals(List.of(REDIS_UP, LOCAL_STANDBY, new Status(Source.CACHE_REDIS, SourceState.DOWN,
                TIMED_OUT.failure()), LOCAL_UP), events.snapshot());
        assertEquals(TIMED_OUT.failure(), p.lastError());
    }

    @Test
    void aSlowProbeFollowedByAGoodOneKeepsRedisAndTheNextTimeoutIsHeldBackAgain() {
        FailoverPolicy p = started(Probe.OK, TIMED_OUT, Probe.OK, TIMED_OUT, Probe.OK);
        assertTrue(p.check());
        assertFalse(p.check());
        assertTrue(p.check(), "the count of slow probes started afresh after the good one");
        assertFalse(p.check());
        assertEquals(CacheBackend.REDIS, p.serving());
        assertEquals(1, p.switches());
        assertEquals(List.of(REDIS_UP, LOCAL_STANDBY), events.snapshot());
    }

    @Test
    void aRefusedConnectionOrAnErrorReplySwitchesAtOnce() {
        Probe oom = new Probe("RedisCommandExecutionException: OOM command not allowed", false);
        FailoverPolicy p = started(Probe.OK, oom);
        assertFalse(p.check());
        assertEquals(CacheBackend.LOCAL, p.serving());
        assertEquals(new Status(Source.CACHE_REDIS, SourceState.DOWN, oom.failure()), events.snapshot().get(2));
    }

    @Test
    void switchesBackWhenRedisAnswersAgainAndCountsEverySwitch() {
        FailoverPolicy p = started(Probe.OK, REFUSED, TIMED_OUT, TIMED_OUT, Probe.OK, Probe.OK);
        p.check(); // refused: local
        assertFalse(p.check(), "timeouts while local need no confirmation");
        p.check();
        assertEquals(CacheBackend.LOCAL, p.serving());
        p.check(); // answers: redis again
        p.check(); // and again: no new switch
        assertEquals(CacheBackend.REDIS, p.serving());
        assertEquals(3, p.switches(), "onto redis at start, to local, back to redis");
        assertEquals(List.of(REDIS_UP, LOCAL_STANDBY, new Status(Source.CACHE_REDIS, SourceState.DOWN,
                REFUSED.failure()), LOCAL_UP, REDIS_UP, LOCAL_STANDBY), events.snapshot());
    }

    @Test
    void localModeNeverProbes() {
        FailoverPolicy p = new FailoverPolicy(settings(URI, "cache.mode=local"), null, events);
        p.start();
        assertEquals(CacheBackend.LOCAL, p.serving());
        assertEquals(0, redis.probes());
        assertEquals(List.of(new Status(Source.CACHE_LOCAL, SourceState.UP, "serving the cache: cache.mode=local")),
                events.snapshot());
    }

    @Test
    void anUnusableTargetFromTheEnvironmentMeansLocalWithTheReason() {
        CacheSettings s = settings(URI, Map.of(CacheSettings.ENV_URI, "http://nope"));
        FailoverPolicy p = new FailoverPolicy(s, null, events);
        p.start();
        assertEquals(CacheBackend.LOCAL, p.serving());
        assertEquals(List.of(new Status(Source.CACHE_REDIS, SourceState.DOWN, s.targetProblem()),
                new Status(Source.CACHE_LOCAL, SourceState.UP, "serving the cache: redis unavailable at start")),
                events.snapshot());
        assertTrue(s.targetProblem().startsWith(CacheSettings.ENV_URI + ": "), s.targetProblem());
    }

    @Test
    void redisModeLogsRunningLocallyAsAnErrorAndAutoDoesNot() {
        try (LogCapture logs = LogCapture.of("perpspot.cache")) {
            new FailoverPolicy(settings(URI), new FakeBackend().then(REFUSED), new Recorder()).start();
            assertEquals(List.of(), logs.messages(Level.ERROR));
            FailoverPolicy p = new FailoverPolicy(settings(URI, "cache.mode=redis"), redis.then(Probe.OK, REFUSED),
                    events);
            p.start();
            p.check();
            assertEquals(List.of("cache: cache.mode=redis but redis at " + URI + " is unavailable ("
                    + REFUSED.failure() + "); using the local cache until it answers"), logs.messages(Level.ERROR));
            assertEquals(CacheBackend.LOCAL, p.serving(), "a cache never stops the engine");
        }
    }
}
