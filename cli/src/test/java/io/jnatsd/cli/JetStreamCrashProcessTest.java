package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a bin/jnatsd process with -js while a client publishes synchronously, then a restart on the same
 * store directory, a few rounds: every acknowledged message is there, at its sequence, in publish order; no
 * sequence holds a duplicate and there is no gap up to the last one stored (a message stored but not yet
 * acknowledged when the process died may be there too, at the tail).
 */
@Timeout(600)
class JetStreamCrashProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int ROUNDS = 4;

    /** One acknowledged publish: the sequence the server gave and what was sent. */
    private record Acked(long seq, String payload) {
    }

    @Test
    void acknowledgedMessagesSurviveKillNine(@TempDir Path storeDir) throws Exception {
        Random random = new Random();
        List<Acked> acked = new ArrayList<>();
        int port = freePort();
        for (int round = 0; round < ROUNDS; round++) {
            try (JnatsdProcess server = start(port, storeDir)) {
                try (Connection nc = connect(port)) {
                    JetStreamManagement jsm = nc.jetStreamManagement();
                    if (round == 0) {
                        jsm.addStream(StreamConfiguration.builder().name("CRASH").subjects("crash.>")
                                .storageType(StorageType.File).build());
                    }
                    verify(jsm, acked);
                    Publisher publisher = new Publisher(nc.jetStream(JetStreamOptions.builder()
                            .requestTimeout(Duration.ofSeconds(10)).build()), round);
                    publisher.start();
                    // Let some publishes through (at least a few, however slow the machine), then kill at a
                    // random moment.
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (publisher.count() < 20 && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(random.nextInt(700));
                    server.signal("KILL");
                    assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(137);
                    publisher.join(30_000);
                    assertThat(publisher.isAlive()).isFalse();
                    acked.addAll(publisher.acked());
                    System.out.printf("round %d: %d acknowledged publishes before kill -9%n", round,
                            publisher.acked().size());
                    assertThat(publisher.acked()).as("round %d published", round).isNotEmpty();
                }
            }
        }
        try (JnatsdProcess server = start(port, storeDir); Connection nc = connect(port)) {
            verify(nc.jetStreamManagement(), acked);
        }
    }

    private static void verify(JetStreamManagement jsm, List<Acked> acked) throws IOException, JetStreamApiException {
        if (acked.isEmpty()) {
            return;
        }
        StreamInfo info = jsm.getStreamInfo("CRASH");
        long last = info.getStreamState().getLastSequence();
        Acked lastAcked = acked.get(acked.size() - 1);
        assertThat(last).as("last sequence").isGreaterThanOrEqualTo(lastAcked.seq());
        // No gap: every sequence from 1 to the last one stored holds a message.
        assertThat(info.getStreamState().getFirstSequence()).isEqualTo(1);
        assertThat(info.getStreamState().getMsgCount()).as("messages 1..%d", last).isEqualTo(last);
        List<String> stored = new ArrayList<>();
        stored.add(null); // sequences start at 1
        for (long seq = 1; seq <= last; seq++) {
            MessageInfo m = jsm.getMessage("CRASH", seq);
            stored.add(new String(m.getData(), StandardCharsets.UTF_8));
        }
        long previous = 0;
        for (Acked a : acked) {
            assertThat(a.seq()).as("acked sequences grow").isGreaterThan(previous);
            previous = a.seq();
            assertThat(stored.get((int) a.seq())).as("seq %d", a.seq()).isEqualTo(a.payload());
        }
        // Each message was published once: no payload appears at two sequences.
        Set<String> seen = new HashSet<>();
        for (int seq = 1; seq < stored.size(); seq++) {
            assertThat(seen.add(stored.get(seq))).as("payload %s at seq %d seen before", stored.get(seq), seq)
                    .isTrue();
        }
    }

    /** Publishes one message at a time, waiting for each ack, until the server goes away. */
    private static final class Publisher extends Thread {
        private final JetStream js;
        private final int round;
        private final List<Acked> acked = new ArrayList<>();

        Publisher(JetStream js, int round) {
            super("crash-publisher");
            this.js = js;
            this.round = round;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int i = 0; ; i++) {
                String payload = "round-" + round + "-msg-" + i;
                try {
                    PublishAck ack = js.publish("crash.m", payload.getBytes(StandardCharsets.UTF_8));
                    synchronized (this) {
                        acked.add(new Acked(ack.getSeqno(), payload));
                    }
                } catch (Exception e) {
                    return; // the server was killed
                }
            }
        }

        synchronized int count() {
            return acked.size();
        }

        synchronized List<Acked> acked() {
            return List.copyOf(acked);
        }
    }

    private static JnatsdProcess start(int port, Path storeDir) throws Exception {
        JnatsdProcess p = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd",
                storeDir.toString());
        assertThat(p.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP)).as("stderr: %s", p.err())
                .isNotNull();
        return p;
    }

    private static Connection connect(int port) throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
