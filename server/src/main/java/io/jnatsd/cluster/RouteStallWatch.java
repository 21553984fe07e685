package io.jnatsd.cluster;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A route's slow-consumer check, as nats-server 2.9 does it for routes: max_pending does not apply (a route's
 * output may back up); the route is closed only when a whole write_deadline passes without a byte reaching the
 * peer while output waits. Started when the channel turns unwritable, stopped when it drains. Runs on the route's
 * loop; progress is read from Netty's outbound buffer (head entry and how much of it went out), so it also holds
 * with TLS in the pipeline.
 */
final class RouteStallWatch {
    private final Channel channel;
    private final Duration deadline;
    private final Runnable onStalled;
    private ScheduledFuture<?> timer;
    private Object lastHead;
    private long lastProgress;

    RouteStallWatch(Channel channel, Duration deadline, Runnable onStalled) {
        this.channel = channel;
        this.deadline = deadline;
        this.onStalled = onStalled;
    }

    void writabilityChanged() {
        if (!channel.isWritable()) {
            if (timer == null) {
                mark();
                schedule();
            }
        } else {
            stop();
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule() {
        timer = channel.eventLoop().schedule(this::check, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out == null || channel.isWritable()) {
            return;
        }
        if (out.current() == lastHead && out.currentProgress() == lastProgress) {
            onStalled.run();
            return;
        }
        mark(); // slow but moving: look again after another deadline
        schedule();
    }

    private void mark() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        lastHead = out == null ? null : out.current();
        lastProgress = out == null ? 0 : out.currentProgress();
    }

    /** For the log line: Netty's pending entries and bytes. */
    long pendingBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    int pendingChunks() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.size();
    }
}
