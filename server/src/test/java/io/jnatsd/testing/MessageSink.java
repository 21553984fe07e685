package io.jnatsd.testing;

import io.nats.client.Message;
import io.nats.client.MessageHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A jnats {@link MessageHandler} that keeps every message it is given, for Dispatcher subscriptions. Tests wait for a
 * count with a deadline instead of sleeping.
 */
public final class MessageSink implements MessageHandler {
    private final List<Message> messages = new ArrayList<>();

    @Override
    public synchronized void onMessage(Message msg) {
        messages.add(msg);
        notifyAll();
    }

    public synchronized int count() {
        return messages.size();
    }

    public synchronized List<Message> messages() {
        return new ArrayList<>(messages);
    }

    /** Waits until at least {@code n} messages arrived; fails (showing the count) if they do not within the timeout. */
    public synchronized List<Message> awaitCount(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " messages within " + timeout.toMillis() + " ms, got "
                        + messages.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return new ArrayList<>(messages);
    }
}
