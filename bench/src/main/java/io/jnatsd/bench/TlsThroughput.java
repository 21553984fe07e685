package io.jnatsd.bench;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.tls.TlsContexts;
import io.jnatsd.tls.TlsProvider;
import io.jnatsd.tls.TlsSettings;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages per second through jnatsd over TLS, for each TLS provider (JDK SSLEngine, OpenSSL via netty-tcnative):
 * one jnats publisher and one jnats subscriber on one subject, both over TLS, server in the same JVM. Besides the
 * rate it reports the CPU the server's I/O threads spent per message, which is what the provider changes (the
 * clients' TLS is the JDK's in both cases). Run: {@code java -cp <bench classpath> io.jnatsd.bench.TlsThroughput
 * [runs] [messages] [payloadBytes] [jdk|openssl]} (without the last: both, in one JVM).
 */
public final class TlsThroughput {
    private TlsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        TestCertificates certs = TestCertificates.create();
        System.out.printf("payload %d B, %d messages per run, %d runs per provider, %d cores, %s%n", size, messages,
                runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        TlsProvider[] providers = args.length > 3
                ? new TlsProvider[] {TlsProvider.valueOf(args[3].toUpperCase(java.util.Locale.ROOT))}
                : new TlsProvider[] {TlsProvider.JDK, TlsProvider.OPENSSL};
        for (TlsProvider p : providers) {
            System.out.printf("provider %s (resolves to %s)%n", p, TlsContexts.resolve(p));
            for (int r = 0; r <= runs; r++) {
                Result res = run(certs, p, messages, size);
                System.out.printf("  %s %,10.0f msgs/s  %7.1f MB/s  server I/O CPU %6.2f us/msg%n",
                        r == 0 ? "warm-up" : "run " + r + "  ", res.rate, res.rate * size / 1e6, res.cpuMicrosPerMsg);
            }
        }
    }

    private record Result(double rate, double cpuMicrosPerMsg) {
    }

    private static Result run(TestCertificates certs, TlsProvider provider, int messages, int size) throws Exception {
        TestCertificates.Issued server = certs.server();
        TlsSettings tls = TlsSettings.of(server.certFile().toString(), server.keyFile().toString())
                .withProvider(provider);
        try (NatsServer s = NatsServer.start(ServerOptions.builder().host("127.0.0.1").port(0).tls(tls).build())) {
            Options.Builder ob = new Options.Builder().server("tls://127.0.0.1:" + s.port())
                    .sslContext(certs.clientContext(null)).connectionTimeout(Duration.ofSeconds(5)).noReconnect()
                    .maxMessagesInOutgoingQueue(1_000_000);
            try (Connection sub = Nats.connect(ob.build()); Connection pub = Nats.connect(ob.build())) {
                CountDownLatch done = new CountDownLatch(1);
                AtomicLong got = new AtomicLong();
                Dispatcher d = sub.createDispatcher(m -> {
                    if (got.incrementAndGet() == messages) {
                        done.countDown();
                    }
                });
                d.subscribe("bench.tls");
                sub.flush(Duration.ofSeconds(5));
                byte[] payload = new byte[size];
                long cpu0 = serverIoCpuNanos();
                long t0 = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    pub.publish("bench.tls", payload);
                }
                pub.flush(Duration.ofSeconds(60));
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("only " + got.get() + " of " + messages + " arrived");
                }
                long t1 = System.nanoTime();
                long cpu = serverIoCpuNanos() - cpu0;
                return new Result(messages / ((t1 - t0) / 1e9), cpu / 1e3 / messages);
            }
        }
    }

    /** CPU time of the server's I/O event loop threads (named jnatsd-io-...), where TLS records are (de)coded. */
    private static long serverIoCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : mx.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("jnatsd-io")) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
