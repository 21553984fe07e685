package io.jnatsd.client;

import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The delivery half of a publish: the MSG line parts built once ({@link MsgFrame#prepare}), then one
 * {@link OutboundBuffer#appendMsg} per subscriber, and one {@link OutboundBuffer#take} per subscriber per batch of
 * {@link #BATCH} messages (the flush copy into a pooled direct buffer), as a read batch does. Lives in the client
 * package to reach those package-private classes. Score: messages published per second; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the allocation per published message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class OutboundFanoutBenchmark {
    static final int BATCH = 100;

    @Param({"1", "5"})
    public int subscribers;

    @Param({"16", "128"})
    public int payloadSize;

    private OutboundBuffer[] buffers;
    private Subscription<?>[] subs;
    private final MsgFrame frame = new MsgFrame();
    private PubArgs pub;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setup() {
        buffers = new OutboundBuffer[subscribers];
        subs = new Subscription<?>[subscribers];
        for (int i = 0; i < subscribers; i++) {
            buffers[i] = new OutboundBuffer(PooledByteBufAllocator.DEFAULT, 64L * 1024 * 1024, () -> 0L);
            subs[i] = new Subscription<>(new Object(), ascii("orders.eu.created"), null, ascii(Integer.toString(i)));
        }
        String line = "PUB orders.eu.created _INBOX.abc " + payloadSize + "\r\n";
        byte[] b = ascii(line);
        pub = new PubArgs();
        pub.buf = b;
        pub.subjectOff = 4;
        pub.subjectLen = "orders.eu.created".length();
        pub.replyOff = pub.subjectOff + pub.subjectLen + 1;
        pub.replyLen = "_INBOX.abc".length();
        pub.sizeOff = pub.replyOff + pub.replyLen + 1;
        pub.sizeLen = Integer.toString(payloadSize).length();
        pub.headerSize = -1;
        pub.totalSize = payloadSize;
        payload = new byte[payloadSize + 2];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int publishBatch() {
        int rc = 0;
        for (int m = 0; m < BATCH; m++) {
            frame.prepare(pub);
            for (int i = 0; i < buffers.length; i++) {
                rc |= buffers[i].appendMsg(subs[i], frame.pre, frame.preLen, frame.post, frame.postLen,
                        payload, 0, payloadSize);
            }
        }
        for (OutboundBuffer o : buffers) {
            ByteBuf b = o.take();
            if (b != null) {
                b.release(); // the channel would write and release it
            }
        }
        return rc;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (OutboundBuffer o : buffers) {
            o.close();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
