package io.jnatsd.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Pauses a fast publisher while a subscriber it feeds falls behind: when a subscriber has over a quarter of
 * max_pending waiting, the publisher's channel stops reading (TCP back-pressure on that publisher only; its loop
 * stays free) until the subscriber drains, re-checked every {@link #CHECK_NANOS}, for at most {@link #MAX_NANOS}.
 * A reading subscriber catches up; a stuck one delays the publisher a bounded time and is then cut off at
 * max_pending. nats-server stalls fast producers in the same way. Owned by the publisher's event loop.
 */
final class ProducerStall {
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Subscribers remembered per stall; more behind at once is rare and the first few decide anyway. */
    private static final int TARGETS = 4;

    private final BooleanSupplier closing;
    /** Reading is held for another reason (a credential check): the end of a stall must not resume it. */
    private final BooleanSupplier readingHeld;
    private final ClientConnection[] targets = new ClientConnection[TARGETS];
    private final Runnable check = this::check;
    private int count;
    private boolean stalled;
    private long startNanos;
    private Channel channel;
    private EventLoop loop;

    ProducerStall(BooleanSupplier closing, BooleanSupplier readingHeld) {
        this.closing = closing;
        this.readingHeld = readingHeld;
    }

    boolean stalled() {
        return stalled;
    }

    void attach(Channel ch) {
        channel = ch;
        loop = ch.eventLoop();
    }

    /** While routing this publisher's message: {@code target} is over the stall level. */
    void targetBehind(ClientConnection target) {
        for (int i = 0; i < count; i++) {
            if (targets[i] == target) {
                return;
            }
        }
        if (count < TARGETS) {
            targets[count++] = target;
        }
    }

    /** At the end of a read: stop reading if a target fell behind during it. */
    void startIfNeeded() {
        if (count > 0 && !stalled && !closing.getAsBoolean()) {
            stalled = true;
            startNanos = System.nanoTime();
            channel.config().setAutoRead(false);
            loop.schedule(check, CHECK_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        boolean behind = false;
        for (int i = 0; i < count; i++) {
            if (targets[i].outbound().overStallLevel()) {
                behind = true;
                break;
            }
        }
        boolean closed = closing.getAsBoolean();
        if (behind && !closed && System.nanoTime() - startNanos < MAX_NANOS) {
            loop.schedule(check, CHECK_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        Arrays.fill(targets, 0, count, null);
        count = 0;
        stalled = false;
        if (!closed && !readingHeld.getAsBoolean()) {
            channel.config().setAutoRead(true);
        }
    }
}
