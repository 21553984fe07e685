package io.jnatsd.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded pool for slow credential checks (bcrypt), so they never block an event loop. Threads start on
 * demand and end when idle, so a server without bcrypt users never has any. When the queue is full the caller is told
 * and checks on its own thread: slower, never wrong.
 */
public final class CredentialCheckPool implements AutoCloseable {
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int QUEUE = 1024;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;

    public CredentialCheckPool() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "jnatsd-auth-" + pool + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code check} on a pool thread; false when the pool is full or closed (the caller then runs it). */
    public boolean submit(Runnable check) {
        try {
            executor.execute(check);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
