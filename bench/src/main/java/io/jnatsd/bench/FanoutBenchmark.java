package io.jnatsd.bench;

import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The routing half of a publish through public API only: {@link SubjectIndex#match} on the subject range of a
 * {@link PubArgs} (as the router does with the read buffer), then one "delivery" per matching plain subscription and
 * one per queue group, the way {@code MessageRouter.route} walks the result. A delivery here hands the subscriber,
 * sid and frame length to a Blackhole instead of copying into the subscriber's outbound buffer, whose class is
 * package-private ({@code io.jnatsd.client.OutboundBuffer}); see the report for what would have to be public to
 * benchmark that copy as well.
 *
 * <p>The index also holds 10,000 unrelated subscriptions, so the match is not against a trivially small trie.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class FanoutBenchmark {
    /** Matching subscriptions per message (plain subs in {@code fanout}, members of one group in {@code queue}). */
    @Param({"1", "5"})
    public int subscribers;

    private SubjectIndex<Object> index;
    private PubArgs plainPub;
    private PubArgs queuePub;

    @Setup
    public void setup() {
        index = new SubjectIndex<>();
        for (int i = 0; i < 10_000; i++) {
            index.insert(new Subscription<>(new Object(), ascii("noise." + (i % 100) + "." + i), null, ascii("n" + i)));
        }
        for (int i = 0; i < subscribers; i++) {
            // Half of the fan-out subscribers via a wildcard, as real deployments mix them.
            String subject = i % 2 == 0 ? "orders.eu.created" : "orders.*.created";
            index.insert(new Subscription<>(new Object(), ascii(subject), null, ascii(Integer.toString(i + 1))));
            index.insert(new Subscription<>(new Object(), ascii("jobs.eu.run"), "workers", ascii("q" + (i + 1))));
        }
        plainPub = pubArgs("PUB orders.eu.created 128\r\n", "orders.eu.created", 128);
        queuePub = pubArgs("PUB jobs.eu.run 128\r\n", "jobs.eu.run", 128);
    }

    /** A PubArgs as the parser leaves it: offsets into the read buffer holding the control line. */
    private static PubArgs pubArgs(String line, String subject, int size) {
        PubArgs p = new PubArgs();
        p.buf = ascii(line);
        p.subjectOff = 4;
        p.subjectLen = subject.length();
        p.sizeOff = 4 + subject.length() + 1;
        p.sizeLen = Integer.toString(size).length();
        p.headerSize = -1;
        p.totalSize = size;
        return p;
    }

    @Benchmark
    public int fanout(Blackhole bh) {
        return route(plainPub, bh);
    }

    @Benchmark
    public int queueGroup(Blackhole bh) {
        return route(queuePub, bh);
    }

    private int route(PubArgs p, Blackhole bh) {
        MatchResult<Object> r = index.match(p.buf, p.subjectOff, p.subjectLen);
        int delivered = 0;
        Subscription<Object>[] plain = r.plain();
        for (int i = 0; i < plain.length; i++) {
            delivered += deliver(plain[i], p, bh);
        }
        Subscription<Object>[][] groups = r.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            Subscription<Object>[] members = groups[g];
            int n = members.length;
            int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            delivered += deliver(members[start], p, bh);
        }
        return delivered;
    }

    private static int deliver(Subscription<Object> sub, PubArgs p, Blackhole bh) {
        if (sub.closed) {
            return 0;
        }
        bh.consume(sub.subscriber());
        byte[] sid = sub.sid();
        // The MSG frame the subscriber would get: "MSG " subject ' ' sid ' ' size CRLF payload CRLF.
        bh.consume(4 + p.subjectLen + 1 + sid.length + 1 + p.sizeLen + 2 + p.totalSize + 2);
        return 1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
