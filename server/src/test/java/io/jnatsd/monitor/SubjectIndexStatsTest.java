package io.jnatsd.monitor;

import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters behind /subsz: per-thread match counts must add up across threads. */
class SubjectIndexStatsTest {
    private static Subscription<String> sub(String subject) {
        return new Subscription<>("c", subject.getBytes(StandardCharsets.US_ASCII), null, "1".getBytes());
    }

    @Test
    void matchesFromSeveralThreadsAreSummed() throws Exception {
        SubjectIndex<String> index = new SubjectIndex<>();
        index.insert(sub("a"));
        index.insert(sub("a"));
        Subscription<String> b = sub("b");
        index.insert(b);
        index.remove(b);
        byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    index.match(a);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        SubjectIndex.Stats s = index.stats();
        assertThat(s.subscriptions()).isEqualTo(2);
        assertThat(s.inserts()).isEqualTo(3);
        assertThat(s.removes()).isEqualTo(1);
        assertThat(s.matches()).isEqualTo(300);
        assertThat(s.cacheHits()).as("one miss per thread").isEqualTo(297);
        assertThat(s.cacheHitRate()).isEqualTo(0.99);
    }

    @Test
    void cacheEntriesAndFanoutComeFromValidEntriesOnly() {
        SubjectIndex<String> index = new SubjectIndex<>();
        index.insert(sub("x.*"));
        index.insert(sub("x.y"));
        index.insert(sub(">"));
        index.match("x.y".getBytes(StandardCharsets.US_ASCII)); // 3
        index.match("x.z".getBytes(StandardCharsets.US_ASCII)); // 2
        index.match("q".getBytes(StandardCharsets.US_ASCII));   // 1
        SubjectIndex.Stats s = index.stats();
        assertThat(s.cacheEntries()).isEqualTo(3);
        assertThat(s.maxFanout()).isEqualTo(3);
        assertThat(s.avgFanout()).isEqualTo(2.0);
        index.insert(sub("other"));
        assertThat(index.stats().cacheEntries()).as("stale after a change").isZero();
    }
}
