package io.jnatsd.bench;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ServerOptions;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages per second crossing one route: a jnats publisher on server A, a jnats subscriber on server B, A and B
 * routed. Two jnatsd servers (in this JVM) against two nats-server processes, alternating. Run:
 * {@code java -cp <bench classpath> io.jnatsd.bench.RouteThroughput [runs] [messages] [payloadBytes]}.
 */
public final class RouteThroughput {
    private RouteThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        System.out.printf("payload %d B, %d messages per run, %d runs, %d cores, %s%n", size, messages, runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        for (int r = 0; r <= runs; r++) {
            String label = r == 0 ? "warm-up" : "run " + r;
            System.out.printf("  %-8s jnatsd<->jnatsd       %,10.0f msgs/s%n", label, jnatsd(messages, size));
            System.out.printf("  %-8s nats-server<->nats-server %,10.0f msgs/s%n", label, natsServer(messages, size));
        }
    }

    private static double jnatsd(int messages, int size) throws Exception {
        int routePort = freePort();
        try (NatsServer a = NatsServer.start(options(routePort, List.of()));
                NatsServer b = NatsServer.start(options(-1, List.of("nats-route://127.0.0.1:" + routePort)))) {
            return measure(a.port(), b.port(), messages, size);
        }
    }

    private static ServerOptions options(int routePort, List<String> routes) {
        return ServerOptions.builder().host("127.0.0.1").port(0)
                .cluster(new ClusterSettings("bench", "127.0.0.1", routePort, routes)).build();
    }

    private static double natsServer(int messages, int size) throws Exception {
        int pa = freePort();
        int pb = freePort();
        int ra = freePort();
        Process a = goServer(pa, ra, null);
        Process b = goServer(pb, freePort(), "nats-route://127.0.0.1:" + ra);
        try {
            return measure(pa, pb, messages, size);
        } finally {
            b.destroy();
            a.destroy();
            b.waitFor(10, TimeUnit.SECONDS);
            a.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process goServer(int port, int routePort, String route) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p",
                Integer.toString(port), "--cluster", "nats://127.0.0.1:" + routePort, "--cluster_name", "bench"));
        if (route != null) {
            cmd.add("--routes");
            cmd.add(route);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static double measure(int pubPort, int subPort, int messages, int size) throws Exception {
        try (Connection sub = connect(subPort); Connection pub = connect(pubPort)) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong got = new AtomicLong();
            AtomicLong probes = new AtomicLong();
            Dispatcher d = sub.createDispatcher(m -> {
                if (m.getData().length == 0) {
                    probes.incrementAndGet();
                } else if (got.incrementAndGet() == messages) {
                    done.countDown();
                }
            });
            d.subscribe("bench.route");
            sub.flush(Duration.ofSeconds(5));
            // The route is up and the interest has crossed when a probe arrives.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (probes.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the route did not come up");
                }
                pub.publish("bench.route", new byte[0]);
                pub.flush(Duration.ofSeconds(5));
                Thread.sleep(20);
            }
            byte[] payload = new byte[size];
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                pub.publish("bench.route", payload);
            }
            pub.flush(Duration.ofSeconds(60));
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + got.get() + " of " + messages + " arrived");
            }
            return messages / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static Connection connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                        .connectionTimeout(Duration.ofSeconds(5)).noReconnect()
                        .maxMessagesInOutgoingQueue(1_000_000).build());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
