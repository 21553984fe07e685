package io.jnatsd.jetstream.consumer;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer's redelivery deadlines: (deadline, stream sequence) pairs, taken when due. Every delivery with acks adds
 * one and it stays until its deadline (an ack does not remove it; a stale pair is skipped when it comes up), so they
 * are kept as plain longs in 10 ms time buckets: a delivery adds no object. (A {@code PriorityQueue<long[]>} made an
 * array per delivered message that lived for ack_wait, which the collector then had to copy and promote.)
 */
final class DeadlineQueue {
    /** Finer than the consumers' 50 ms tick, so a due pair is found by the first tick after its deadline. */
    private static final long BUCKET_NANOS = 10_000_000L;

    /** Receives a due pair. */
    interface Due {
        void accept(long deadline, long seq);
    }

    /** Pairs in one bucket, in insertion order: {deadline, seq, deadline, seq, ...}. */
    private static final class Pairs {
        long[] values = new long[16];
        int size;

        void add(long deadline, long seq) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = deadline;
            values[size++] = seq;
        }
    }

    private final TreeMap<Long, Pairs> buckets = new TreeMap<>();
    /** The bucket added to last: deliveries come in runs with the same bucket. */
    private long lastKey = Long.MIN_VALUE;
    private Pairs last;

    void add(long deadline, long seq) {
        long key = Math.floorDiv(deadline, BUCKET_NANOS);
        Pairs p = last;
        if (p == null || key != lastKey) {
            p = buckets.computeIfAbsent(key, k -> new Pairs());
            last = p;
            lastKey = key;
        }
        p.add(deadline, seq);
    }

    /** Hands every pair whose deadline is {@code <= now} to {@code due} and forgets it. */
    void takeDue(long now, Due due) {
        long nowKey = Math.floorDiv(now, BUCKET_NANOS);
        while (!buckets.isEmpty()) {
            Map.Entry<Long, Pairs> first = buckets.firstEntry();
            if (first.getKey() > nowKey) {
                return;
            }
            Pairs p = first.getValue();
            if (first.getKey() < nowKey) {
                for (int i = 0; i < p.size; i += 2) {
                    due.accept(p.values[i], p.values[i + 1]);
                }
                buckets.pollFirstEntry();
                if (p == last) {
                    last = null;
                }
                continue;
            }
            // The current bucket: take what is due, keep the rest.
            int kept = 0;
            for (int i = 0; i < p.size; i += 2) {
                if (p.values[i] <= now) {
                    due.accept(p.values[i], p.values[i + 1]);
                } else {
                    p.values[kept++] = p.values[i];
                    p.values[kept++] = p.values[i + 1];
                }
            }
            p.size = kept;
            if (kept == 0) {
                buckets.pollFirstEntry();
                if (p == last) {
                    last = null;
                }
            }
            return;
        }
    }

    /** Pairs held (stale ones included), for tests. */
    int size() {
        int n = 0;
        for (Pairs p : buckets.values()) {
            n += p.size / 2;
        }
        return n;
    }
}
