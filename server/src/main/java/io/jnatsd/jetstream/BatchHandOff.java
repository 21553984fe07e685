package io.jnatsd.jetstream;

import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
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
 * <p>Order: items are handled in the order offered. A drain takes at most {@value #MAX_BATCH} items and then queues
 * itself again behind the thread's other tasks (timers, API calls), so a flood does not starve them; a caller that
 * must see everything offered so far waits on a {@link #barrier()}.
 */
public final class BatchHandOff<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHandOff.class);
    /** Items per drain at most: a flood still ends batches (their replies go out) and lets other tasks run. */
    private static final int MAX_BATCH = 1024;

    /** Items, and {@link Barrier}s among them. */
    private final Queue<Object> queue = PlatformDependent.newMpscQueue();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final Executor executor;
    private final Consumer<T> each;
    private final Runnable afterBatch;
    private final Runnable drainTask = this::drain;

    /** A point in the queue: completed once everything offered before it was handled and its batch finished. */
    private static final class Barrier extends CompletableFuture<Void> {
    }

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
        enqueue(item);
    }

    /** Completes once every item offered before this call was handled and its batch finished. Any thread. */
    public CompletableFuture<Void> barrier() {
        Barrier b = new Barrier();
        enqueue(b);
        return b;
    }

    private void enqueue(Object o) {
        queue.offer(o);
        if (scheduled.get() == 0 && scheduled.compareAndSet(0, 1)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException e) {
            // The thread was stopped (stream or consumers deleted): nobody will take these.
            Object o;
            while ((o = queue.poll()) != null) {
                if (o instanceof Barrier b) {
                    b.completeExceptionally(e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        while (true) {
            int n = 0;
            java.util.List<Barrier> passed = null;
            Object o;
            while (n < MAX_BATCH && (o = queue.poll()) != null) {
                if (o instanceof Barrier b) {
                    if (passed == null) {
                        passed = new java.util.ArrayList<>(1);
                    }
                    passed.add(b); // completed once this batch is finished
                    continue;
                }
                try {
                    each.accept((T) o);
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
            if (passed != null) {
                passed.forEach(b -> b.complete(null));
            }
            if (n == MAX_BATCH) {
                schedule(); // still scheduled: the rest after the thread's other queued tasks
                return;
            }
            scheduled.set(0);
            // An offer between the last poll and the reset saw "scheduled" and queued no task: take it here.
            if (queue.isEmpty() || !scheduled.compareAndSet(0, 1)) {
                return;
            }
        }
    }
}
