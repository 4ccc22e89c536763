package io.perpspot.bench;

import io.perpspot.engine.core.MarketEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The baseline hand-off: a {@link ArrayBlockingQueue} between the producer and one consumer
 * thread that blocks in {@code take()}. Events are copied into a pool of pre-allocated
 * {@link MarketEvent}s so the comparison with the Disruptor is about the hand-off, not
 * allocation: with a pool of capacity + 2 a slot is never refilled while queued or being
 * handled (the queue holds at most capacity, the consumer one more, the producer fills one).
 * A full queue drops the event and counts it, like the ring does for market data.
 */
public final class QueueHandoff implements AutoCloseable {
    private final ArrayBlockingQueue<MarketEvent> queue;
    private final MarketEvent[] pool;
    private final MarketEvent stop = new MarketEvent();
    private final Thread consumer;
    private int next;
    private long dropped;
    private volatile long consumed;
    private volatile Throwable failure;

    /** Starts the consumer thread, which calls {@code handler} for each event in order. */
    public QueueHandoff(int capacity, Consumer<MarketEvent> handler, ThreadFactory threads) {
        queue = new ArrayBlockingQueue<>(capacity);
        pool = new MarketEvent[capacity + 2];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new MarketEvent();
        }
        consumer = threads.newThread(() -> {
            long n = 0;
            try {
                while (true) {
                    MarketEvent e = queue.take();
                    if (e == stop) {
                        return;
                    }
                    handler.accept(e);
                    consumed = ++n;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        });
        consumer.start();
    }

    /** Copies the event into the next pool slot and offers it; false (counted) when the queue is full. */
    public boolean offer(MarketEvent e) {
        MarketEvent slot = pool[next];
        slot.copyFrom(e);
        if (queue.offer(slot)) {
            next = next + 1 == pool.length ? 0 : next + 1;
            return true;
        }
        dropped++;
        return false;
    }

    /** Events handled by the consumer so far (a volatile read: the handler's writes are visible after it). */
    public long consumed() {
        return consumed;
    }

    /** Events refused on a full queue (producer thread only). */
    public long dropped() {
        return dropped;
    }

    /** Events waiting in the queue. */
    public int backlog() {
        return queue.size();
    }

    /** The consumer thread. */
    public Thread thread() {
        return consumer;
    }

    /** The handler's failure, if it threw (the consumer stops then). */
    public Throwable failure() {
        return failure;
    }

    /** Handles what is queued, then stops the consumer. */
    @Override
    public void close() {
        try {
            queue.put(stop);
            consumer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
