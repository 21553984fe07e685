package io.jnatsd.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Time-bounded polling for conditions that become true asynchronously (counters, connection states). */
public final class Await {
    private Await() {
    }

    /** Polls every few milliseconds; fails with {@code what} if the condition is still false after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
