package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineQueueTest {
    private static List<Long> takeDue(DeadlineQueue q, long now) {
        List<Long> seqs = new ArrayList<>();
        q.takeDue(now, (deadline, seq) -> {
            assertThat(deadline).isLessThanOrEqualTo(now);
            seqs.add(seq);
        });
        return seqs;
    }

    @Test
    void takesExactlyWhatIsDueAcrossBucketsAndWithinOne() {
        DeadlineQueue q = new DeadlineQueue();
        long base = -5_000_000_000L; // System.nanoTime() may be negative
        q.add(base + 1, 1);
        q.add(base + 25_000_000, 2); // two buckets later
        q.add(base + 25_000_001, 3); // same bucket, a nanosecond later
        q.add(base + 2, 4); // back in the first bucket after another was used
        assertThat(takeDue(q, base)).isEmpty();
        assertThat(takeDue(q, base + 2)).containsExactlyInAnyOrder(1L, 4L);
        assertThat(takeDue(q, base + 25_000_000)).containsExactly(2L);
        assertThat(q.size()).isEqualTo(1);
        q.add(base + 25_000_005, 5); // into the bucket still partly held
        assertThat(takeDue(q, base + 1_000_000_000)).containsExactlyInAnyOrder(3L, 5L);
        assertThat(q.size()).isZero();
    }

    @Test
    void agreesWithASortedListUnderRandomUse() {
        Random r = new Random(42);
        DeadlineQueue q = new DeadlineQueue();
        List<long[]> model = new ArrayList<>();
        long now = 1_000_000_000L;
        long seq = 0;
        for (int step = 0; step < 20_000; step++) {
            if (r.nextInt(4) > 0) {
                long deadline = now + r.nextInt(200_000_000) - 20_000_000;
                q.add(deadline, ++seq);
                model.add(new long[] {deadline, seq});
            } else {
                now += r.nextInt(60_000_000);
                long at = now;
                List<Long> expected = new ArrayList<>();
                model.removeIf(p -> {
                    if (p[0] <= at) {
                        expected.add(p[1]);
                        return true;
                    }
                    return false;
                });
                assertThat(takeDue(q, now)).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(q.size()).isEqualTo(model.size());
            }
        }
    }
}
