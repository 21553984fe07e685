package io.jnatsd.bench;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * JetStream throughput: one jnats client async-publishes N messages to a file stream (at most {@code WINDOW} acks
 * outstanding), then pull-consumes them all with an explicit-ack durable (fetch batches of 500, each message acked).
 * Both servers run as separate processes on a fresh store directory: nats-server -js and bin/jnatsd -js, alternating.
 * Each server process first runs an untimed round of three times the size ({@code -Dwarmup=N} to change, 0 for
 * none), as a long-running server is warm; the figures include the server process's CPU time per message (from /proc).
 * Run: {@code java -cp bench/target/benchmarks.jar io.jnatsd.bench.JetStreamThroughput [runs] [messages] [payload] [jnatsd|nats-server]}
 * from the repository root (bin/jnatsd must be runnable; {@code -Djnatsd.command=...} runs another launcher, e.g. a
 * wrapper that attaches a profiler).
 */
public final class JetStreamThroughput {
    private static final int WINDOW = 4096;
    private static final int BATCH = 500;

    private JetStreamThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        String only = args.length > 3 ? args[3] : ""; // "jnatsd" or "nats-server": one side only (profiling)
        System.out.printf("payload %d B, %d messages per run, %d runs, %d cores%n", size, messages, runs,
                Runtime.getRuntime().availableProcessors());
        for (int r = 0; r <= runs; r++) {
            String label = r == 0 ? "warm-up" : "run " + r;
            if (!only.equals("jnatsd")) {
                report(label, "nats-server", run(List.of("nats-server"), messages, size));
            }
            if (!only.equals("nats-server")) {
                report(label, "jnatsd", run(List.of(System.getProperty("jnatsd.command", "bin/jnatsd")), messages, size));
            }
        }
    }

    private static void report(String label, String server, double[] r) {
        System.out.printf("  %-8s %-12s publish %,10.0f msgs/s %5.1f us cpu/msg   pull+ack %,10.0f msgs/s %5.1f us cpu/msg%n",
                label, server, r[0], r[2], r[1], r[3]);
    }

    /**
     * The server process's CPU time (user + system) in microseconds, from /proc (Linux); 0 elsewhere. CPU per
     * message is steadier than a rate on a small shared machine, where the rate depends on who else runs.
     */
    private static double cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 10_000.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double[] run(List<String> server, int messages, int size) throws Exception {
        Path dir = Files.createTempDirectory("jsbench");
        int port = freePort();
        List<String> cmd = new ArrayList<>(server);
        cmd.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd", dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Connection nc = connect(port)) {
            // Warm the server up with untimed messages on the same process (a JVM compiles its hot paths and sizes
            // its heap over the first few hundred thousand messages; a server runs warm), then measure on a fresh
            // stream. Three times the measured count by default: with one time, jnatsd's pull+ack was still warming.
            int warmup = Integer.getInteger("warmup", 3 * messages);
            if (warmup > 0) {
                publish(nc, warmup, size);
                consume(nc, warmup);
                nc.jetStreamManagement().deleteStream("BENCH");
            }
            double c0 = cpuMicros(p.pid());
            double pub = publish(nc, messages, size);
            double c1 = cpuMicros(p.pid());
            double con = consume(nc, messages);
            double c2 = cpuMicros(p.pid());
            return new double[] {pub, con, (c1 - c0) / messages, (c2 - c1) / messages};
        } finally {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }

    private static double publish(Connection nc, int messages, int size) throws Exception {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("BENCH").subjects("bench.>").storageType(StorageType.File)
                .build());
        JetStream js = nc.jetStream();
        byte[] payload = new byte[size];
        ArrayDeque<CompletableFuture<PublishAck>> outstanding = new ArrayDeque<>(WINDOW);
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (outstanding.size() == WINDOW) {
                outstanding.poll().get(30, TimeUnit.SECONDS);
            }
            outstanding.add(js.publishAsync("bench.data", payload));
        }
        while (!outstanding.isEmpty()) {
            outstanding.poll().get(30, TimeUnit.SECONDS);
        }
        double rate = messages / ((System.nanoTime() - t0) / 1e9);
        long stored = jsm.getStreamInfo("BENCH").getStreamState().getMsgCount();
        if (stored != messages) {
            throw new IllegalStateException("stored " + stored + " of " + messages);
        }
        return rate;
    }

    private static double consume(Connection nc, int messages) throws Exception {
        nc.jetStreamManagement().addOrUpdateConsumer("BENCH", ConsumerConfiguration.builder().durable("C")
                .ackPolicy(AckPolicy.Explicit).maxAckPending(-1).build());
        JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("BENCH", "C"));
        long t0 = System.nanoTime();
        int got = 0;
        while (got < messages) {
            List<Message> batch = sub.fetch(BATCH, Duration.ofSeconds(5));
            if (batch.isEmpty()) {
                throw new IllegalStateException("only " + got + " of " + messages + " consumed");
            }
            for (Message m : batch) {
                m.ack();
            }
            got += batch.size();
        }
        nc.flush(Duration.ofSeconds(10));
        return messages / ((System.nanoTime() - t0) / 1e9);
    }

    private static Connection connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                        .connectionTimeout(Duration.ofSeconds(5)).noReconnect()
                        .errorListener(new ErrorListener() { }) // quiet: refused connects while the server starts
                        .maxMessagesInOutgoingQueue(1_000_000).build());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
