package io.jnatsd.jetstream;

import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands items from event loops to one JetStream thread in bursts: a lock-free queue, and at most one drain task queued
 * on the thread's executor at a time. A burst of N publishes or acks costs one executor task and at most one wake-up
 * instead of N, and the thread gets to finish a batch as a whole ({@code afterBatch}: one disk write, one flush of
 * the replies) rather than per item.
 *
 * <p>Order: items are handled in the order offered. A task submitted to the same executor after an {@link #offer}
 * returned runs after that item was handled (the drain in flight, or the one the offer queued, empties the queue).
 */
public final class BatchHandOff<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHandOff.class);
    /** Items per batch at most, so a flood still ends batches (and their replies go out) now and then. */
    private static final int MAX_BATCH = 1024;

    private final Queue<T> queue = PlatformDependent.newMpscQueue();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final Executor executor;
    private final Consumer<T> each;
    private final Runnable afterBatch;
    private final Runnable drainTask = this::drain;

    /**
     * @param each called on the executor's thread for every item
     * @param afterBatch called on the executor's thread after each batch of items
     */
    public BatchHandOff(Executor executor, Consumer<T> each, Runnable afterBatch) {
        this.executor = executor;
        this.each = each;
        this.afterBatch = afterBatch;
    }

    /** Any thread. */
    public void offer(T item) {
        queue.offer(item);
        if (scheduled.get() == 0 && scheduled.compareAndSet(0, 1)) {
            try {
                executor.execute(drainTask);
            } catch (RejectedExecutionException e) {
                queue.clear(); // the thread was stopped (stream or consumers deleted): nobody will take these
            }
        }
    }

    private void drain() {
        while (true) {
            int n = 0;
            T item;
            while (n < MAX_BATCH && (item = queue.poll()) != null) {
                try {
                    each.accept(item);
                } catch (RuntimeException e) {
                    LOG.error("handling a queued item failed", e);
                }
                n++;
            }
            try {
                afterBatch.run();
            } catch (RuntimeException e) {
                LOG.error("finishing a batch failed", e);
            }
            if (n == MAX_BATCH) {
                continue; // a flood: its replies go out now and then, and the queue is emptied before returning
            }
            scheduled.set(0);
            // An offer between the last poll and the reset saw "scheduled" and queued no task: take it here.
            if (queue.isEmpty() || !scheduled.compareAndSet(0, 1)) {
                return;
            }
        }
    }
}
