package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.StoredMessage;
import io.jnatsd.jetstream.store.StreamStore;

import java.util.List;
import java.util.TreeSet;

/**
 * Where a new consumer starts, from its deliver policy: the first stream sequence to look at, and for
 * last_per_subject the last message of each matching subject (delivered first, in stream order).
 *
 * @param startSet sequences to deliver before looking from {@code sseq}, ascending
 */
record StartPosition(long sseq, List<Long> startSet) {
    /** @param filters null entries mean "everything" */
    static StartPosition of(ConsumerConfig config, List<String> filters, StreamStore store) {
        var st = store.state();
        long next = st.lastSeq() + 1;
        return switch (config.deliverPolicy()) {
            case "new" -> new StartPosition(next, List.of());
            case "by_start_sequence" -> new StartPosition(Math.max(1, config.optStartSeq()), List.of());
            case "by_start_time" -> new StartPosition(firstAtOrAfter(store, config.optStartTimeNanos()), List.of());
            case "last" -> {
                long last = lastSeqs(store, filters).stream().mapToLong(Long::longValue).max().orElse(0);
                yield new StartPosition(last > 0 ? last : next, List.of());
            }
            case "last_per_subject" -> {
                TreeSet<Long> lasts = lastSeqs(store, filters);
                yield new StartPosition(lasts.isEmpty() ? next : lasts.last() + 1, List.copyOf(lasts));
            }
            default -> new StartPosition(Math.max(1, st.firstSeq()), List.of());
        };
    }

    /** The last sequence of every subject matching the filters. */
    private static TreeSet<Long> lastSeqs(StreamStore store, List<String> filters) {
        TreeSet<Long> lasts = new TreeSet<>();
        for (String f : filters) {
            for (String subject : store.subjects(f == null ? ">" : f).keySet()) {
                StoredMessage m = store.loadLastBySubject(subject);
                if (m != null) {
                    lasts.add(m.seq());
                }
            }
        }
        return lasts;
    }

    /** Cold path (consumer creation): a scan from the first message. */
    private static long firstAtOrAfter(StreamStore store, long nanos) {
        var st = store.state();
        for (long q = st.firstSeq(); q <= st.lastSeq(); q++) {
            StoredMessage m = store.load(q);
            if (m != null && m.timestampNanos() >= nanos) {
                return q;
            }
        }
        return st.lastSeq() + 1;
    }
}
