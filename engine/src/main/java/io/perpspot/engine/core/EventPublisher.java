package io.perpspot.engine.core;

/** Takes a fully decoded event (copied by the callee) and hands it on; false if it was dropped. */
public interface EventPublisher {
    /**
     * Hands on one fully decoded event. The callee copies it before returning, so the caller may refill its scratch
     * event at once. Callable from any feed thread, several at a time; it waits only when the ring (and, live, its
     * overflow FIFO) is full with an event that must not be dropped.
     *
     * @return true if the event was passed on (into the ring, or held for it); false if it was dropped because the ring
     *     was full (the plain policy of tools and tests, counted in {@link FeedStats#ringFullCount}) or held back by a
     *     gate (a perp tier that is not serving)
     */
    boolean publish(MarketEvent decoded);
}
