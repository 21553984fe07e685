package io.jnatsd.server;

import io.jnatsd.client.ClientConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timed part of lame duck mode, on its own thread: after the grace period, close the remaining clients one by
 * one spread over the rest of the lame duck duration (so they do not all reconnect elsewhere at once, which is why
 * nats-server spreads them too), then shut the server down. A server closed meanwhile ends it early.
 */
public final class LameDuck {
    private static final Logger LOG = LoggerFactory.getLogger(LameDuck.class);
    // nats-server uses one second when the grace period eats the whole duration.
    private static final Duration MINIMUM_SPREAD = Duration.ofSeconds(1);

    private final Duration duration;
    private final Duration grace;
    private final CountDownLatch terminated;
    private final Supplier<List<ClientConnection>> clients;
    private final Runnable shutdown;

    public LameDuck(Duration duration, Duration grace, CountDownLatch terminated,
                    Supplier<List<ClientConnection>> clients, Runnable shutdown) {
        this.duration = duration;
        this.grace = grace;
        this.terminated = terminated;
        this.clients = clients;
        this.shutdown = shutdown;
    }

    /** With no clients there is nobody to wait for: nats-server shuts down right away then. */
    public void start(boolean haveClients) {
        Thread t = new Thread(haveClients ? this::run : shutdown, "jnatsd-lame-duck");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        if (await(grace.toNanos())) {
            return;
        }
        LOG.info("Closing existing clients");
        List<ClientConnection> remaining = clients.get();
        Duration spread = duration.minus(grace);
        if (spread.compareTo(MINIMUM_SPREAD) < 0) {
            spread = MINIMUM_SPREAD;
        }
        long pause = remaining.isEmpty() ? 0 : spread.toNanos() / remaining.size();
        for (int i = 0; i < remaining.size(); i++) {
            remaining.get(i).close();
            if (i < remaining.size() - 1 && await(pause)) {
                return;
            }
        }
        shutdown.run();
    }

    /** Sleeps; true if the server terminated meanwhile (nothing left to do). */
    private boolean await(long nanos) {
        try {
            return terminated.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
