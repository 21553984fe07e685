package io.jnatsd.wire;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue delivery across connections: which member gets a message is random, so the differential scripts can only
 * check it within one connection. Here: members on separate connections, every message delivered exactly once.
 */
class QueueGroupWireTest {
    private static final int MESSAGES = 60;

    /** A raw connection that reads whole frames. */
    private static final class Peer implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final FrameReader in;

        Peer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
            in = new FrameReader(socket);
            assertThat(in.next(2000)).startsWith("INFO ");
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends PING and returns every frame before the PONG: all that was queued for this connection. */
        List<String> sync() throws IOException {
            send(Frames.PING);
            List<String> frames = new ArrayList<>();
            for (String f = in.next(2000); !f.equals(Frames.PONG); f = in.next(2000)) {
                frames.add(f);
            }
            return frames;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void eachMessageGoesToExactlyOneMemberAndToEveryPlainSubscriber() throws Exception {
        try (NatsServer s = TestServers.start(); Peer m1 = new Peer(s.port()); Peer m2 = new Peer(s.port());
                Peer m3 = new Peer(s.port()); Peer plain = new Peer(s.port()); Peer pub = new Peer(s.port())) {
            List<Peer> members = List.of(m1, m2, m3);
            for (Peer m : members) {
                m.send(Clients.QUIET + "SUB work q 1\r\n");
                assertThat(m.sync()).isEmpty();
            }
            plain.send(Clients.QUIET + "SUB work 9\r\n");
            assertThat(plain.sync()).isEmpty();

            StringBuilder batch = new StringBuilder(Clients.QUIET);
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                batch.append(Frames.pub("work", "job" + i));
                sent.add(Frames.msg("work", "1", "job" + i));
            }
            pub.send(batch.toString());
            assertThat(pub.sync()).isEmpty();

            List<String> delivered = new ArrayList<>();
            int membersUsed = 0;
            for (Peer m : members) {
                List<String> got = m.sync();
                delivered.addAll(got);
                membersUsed += got.isEmpty() ? 0 : 1;
            }
            assertThat(delivered).hasSize(MESSAGES);
            assertThat(new HashSet<>(delivered)).isEqualTo(sent);
            // 60 messages landing on one of three members by chance has probability 3 * (1/3)^60.
            assertThat(membersUsed).isGreaterThan(1);
            assertThat(plain.sync()).hasSize(MESSAGES);
        }
    }
}
