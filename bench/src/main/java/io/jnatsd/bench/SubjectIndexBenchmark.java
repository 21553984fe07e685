package io.jnatsd.bench;

import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link SubjectIndex#match} with {@code subs} literal subscriptions {@code a.b<i%1000>.c<i>} plus up to 100
 * {@code a.b<k>.*} and 10 {@code a.b<k>.>} wildcard subscriptions.
 *
 * <ul>
 *   <li>{@code hotLiteral}: one published subject over and over: the per-thread cache hit path.</li>
 *   <li>{@code rotating10k}: 10,000 distinct subjects in turn, half of them matching (subscribed literals, or
 *       subjects under a wildcard when the index has fewer than 5,000 literals), half unknown literals: more subjects than the 4096-entry cache holds, so mostly trie walks
 *       and cache refills.</li>
 *   <li>{@code hotLiteralNoCache} / {@code rotating10kNoCache}: the same on an index built with
 *       {@code new SubjectIndex<>(0)}: every call takes the read lock and walks the trie.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SubjectIndexBenchmark {
    static final int ROTATING = 10_000;

    /** One index per run: cached, or uncached for the {@code *NoCache} methods (so a 1M run builds only one). */
    @State(Scope.Thread)
    public static class IndexState {
        @Param({"1", "1000", "100000", "1000000"})
        public int subs;

        SubjectIndex<Object> index;
        byte[] hot;
        byte[][] rotating;
        int next;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params) {
            build(params.getBenchmark().endsWith("NoCache") ? 0 : 4096); // 4096: the default
        }

        /** Builds the index and the subjects; public so the setup cost can be timed outside JMH. */
        public void build(int cacheSize) {
            index = new SubjectIndex<>(cacheSize);
            Object subscriber = new Object();
            byte[] sid = {'1'};
            for (int i = 0; i < subs; i++) {
                index.insert(new Subscription<>(subscriber, ascii(literal(i)), null, sid));
            }
            int wildcards = Math.min(100, Math.max(1, subs / 10));
            for (int k = 0; k < wildcards; k++) {
                index.insert(new Subscription<>(subscriber, ascii("a.b" + k + ".*"), null, sid));
                if (k % 10 == 0) {
                    index.insert(new Subscription<>(subscriber, ascii("a.b" + k + ".>"), null, sid));
                }
            }
            hot = ascii(literal(Math.min(7, subs - 1)));
            rotating = rotatingSubjects(subs, wildcards);
        }

        /**
         * {@value #ROTATING} distinct subjects. Even positions match: a subscribed literal while there are enough
         * distinct ones (spread over the whole index), else a subject under an {@code a.b<k>.*} wildcard. Odd
         * positions are unknown literals {@code a.b<n>.m<j>}, walking the trie down to the b level and matching
         * only the wildcards there (for the first few b values).
         */
        static byte[][] rotatingSubjects(int subs, int wildcards) {
            byte[][] out = new byte[ROTATING][];
            java.util.Set<String> distinct = new java.util.HashSet<>();
            int hits = ROTATING / 2;
            for (int j = 0; j < ROTATING; j++) {
                String s;
                if (j % 2 == 0) {
                    int h = j / 2;
                    if (subs >= hits) {
                        s = literal((int) ((long) h * subs / hits));
                    } else if (h < subs) {
                        s = literal(h);
                    } else {
                        s = "a.b" + (h % wildcards) + ".w" + j;
                    }
                } else {
                    s = "a.b" + (j % 1000) + ".m" + j;
                }
                out[j] = ascii(s);
                distinct.add(s);
            }
            if (distinct.size() != ROTATING) {
                throw new IllegalStateException("rotating subjects not distinct: " + distinct.size());
            }
            // Shuffle so that neighbours in the rotation do not share trie paths.
            SplittableRandom r = new SplittableRandom(42);
            for (int i = out.length - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                byte[] t = out[i];
                out[i] = out[k];
                out[k] = t;
            }
            return out;
        }

        static String literal(int i) {
            return "a.b" + (i % 1000) + ".c" + i;
        }

        final byte[] nextSubject() {
            int n = next;
            next = n + 1 == ROTATING ? 0 : n + 1;
            return rotating[n];
        }
    }

    @Benchmark
    public MatchResult<Object> hotLiteral(IndexState s) {
        byte[] subject = s.hot;
        return s.index.match(subject, 0, subject.length);
    }

    @Benchmark
    public MatchResult<Object> rotating10k(IndexState s) {
        byte[] subject = s.nextSubject();
        return s.index.match(subject, 0, subject.length);
    }

    @Benchmark
    public MatchResult<Object> hotLiteralNoCache(IndexState s) {
        byte[] subject = s.hot;
        return s.index.match(subject, 0, subject.length);
    }

    @Benchmark
    public MatchResult<Object> rotating10kNoCache(IndexState s) {
        byte[] subject = s.nextSubject();
        return s.index.match(subject, 0, subject.length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
