package io.perpspot.engine.core;

/** Takes a fully decoded event (copied by the callee) and hands it on; false if it was dropped. */
public interface EventPublisher {
    boolean publish(MarketEvent decoded);
}
