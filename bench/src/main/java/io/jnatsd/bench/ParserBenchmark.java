package io.jnatsd.bench;

import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The client protocol parser on a buffer of {@value #FRAMES} PUB frames, into a handler that only hands what it is
 * given to a Blackhole. Scores are per message (@OperationsPerInvocation).
 *
 * <ul>
 *   <li>{@code parseWholeBuffer}: every frame whole in the buffer (the zero-copy path).</li>
 *   <li>{@code parseIn4KReads}: the same bytes cut into 4 KiB reads, as a socket delivers them, so frames that
 *       straddle a read boundary take the copy path.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ParserBenchmark {
    static final int FRAMES = 1000;
    private static final int READ_SIZE = 4096;

    /** Payload bytes per message. */
    @Param({"16", "1024"})
    public int payloadSize;

    private byte[] input;
    private ProtocolParser parser;
    private ConsumingHandler handler;

    @Setup
    public void setup() {
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            // Realistic shape: a few subjects, every fourth message a request with a reply subject.
            String line = (i % 4 == 0)
                    ? "PUB orders.eu.created _INBOX.Jq2ZoPVVh3P7Ov1Q0xyzAb." + i + " " + payloadSize + "\r\n"
                    : "PUB orders.eu.created." + (i % 8) + " " + payloadSize + "\r\n";
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(payload);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        input = out.toByteArray();
        handler = new ConsumingHandler();
        parser = new ProtocolParser(handler, 4096, 1024 * 1024);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void parseWholeBuffer(Blackhole bh) {
        handler.bh = bh;
        parser.parse(input, 0, input.length);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void parseIn4KReads(Blackhole bh) {
        handler.bh = bh;
        byte[] in = input;
        for (int off = 0; off < in.length; off += READ_SIZE) {
            parser.parse(in, off, Math.min(in.length, off + READ_SIZE));
        }
    }

    /** Consumes what a real handler would look at: the subject, reply and payload ranges. */
    static final class ConsumingHandler implements ProtocolHandler {
        Blackhole bh;

        @Override
        public void onPub(PubArgs args, byte[] payload, int payloadOff) {
            bh.consume(args.buf);
            bh.consume(args.subjectOff + args.subjectLen);
            bh.consume(args.replyLen);
            bh.consume(payload);
            bh.consume(payloadOff + args.totalSize);
        }

        @Override
        public void onConnect(byte[] b, int off, int len) {
            bh.consume(len);
        }

        @Override
        public void onSub(byte[] b, int subjectOff, int subjectLen, int queueOff, int queueLen, int sidOff,
                int sidLen) {
            bh.consume(subjectLen);
        }

        @Override
        public void onUnsub(byte[] b, int sidOff, int sidLen, long max) {
            bh.consume(max);
        }

        @Override
        public void onPing() {
            bh.consume(1);
        }

        @Override
        public void onPong() {
            bh.consume(2);
        }

        @Override
        public void onInfo(byte[] b, int off, int len) {
            bh.consume(len);
        }

        @Override
        public void onOk() {
            bh.consume(3);
        }

        @Override
        public void onErr(byte[] b, int off, int len) {
            bh.consume(len);
        }
    }
}
