package io.jnatsd.integration;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jnatsd.NatsServer;
import io.jnatsd.auth.User;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bcrypt checks run off the event loop: the connection stops reading while its CONNECT is checked, and what the
 * client pipelined after CONNECT is handled afterwards, in order.
 */
class BcryptOffLoopTest extends JnatsIntegrationTest {
    private static String bcrypt(int cost, String password) {
        return new String(BCrypt.withDefaults().hash(cost, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    private NatsServer serverWithBcryptUser(int cost) {
        return startServer(o -> o.ioThreads(1).authTimeout(Duration.ofSeconds(20))
                .users(List.of(new User("slow", bcrypt(cost, "pw"), null, null),
                        new User("fast", "plain", null, null))));
    }

    @Test
    void pipelinedConnectSubPubAreHandledInOrder() throws Exception {
        NatsServer s = serverWithBcryptUser(6);
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":true,\"user\":\"slow\",\"pass\":\"pw\"}\r\nSUB foo 1\r\n"
                    + "PUB foo 5\r\nhello\r\nUNSUB 1\r\nPUB foo 3\r\nbye\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("+OK"); // CONNECT
            assertThat(c.readLineSkippingPings()).isEqualTo("+OK"); // SUB
            assertThat(c.readLineSkippingPings()).isEqualTo("+OK"); // PUB, acknowledged before delivery
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG foo 1 5");
            assertThat(c.readLineSkippingPings()).isEqualTo("hello");
            assertThat(c.readLineSkippingPings()).isEqualTo("+OK"); // UNSUB
            assertThat(c.readLineSkippingPings()).isEqualTo("+OK"); // PUB after UNSUB: nobody receives it
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void pipelinedInputSplitAcrossWritesStaysInOrder() throws Exception {
        NatsServer s = serverWithBcryptUser(8);
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"user\":\"slow\",\"pass\":\"pw\"}\r\nSUB foo 1\r\nPUB fo");
            c.send("o 2\r\nhi\r\n");
            c.send("PING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG foo 1 2");
            assertThat(c.readLineSkippingPings()).isEqualTo("hi");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void aWrongPasswordIsStillRefusedAndNothingAfterItRuns() throws Exception {
        NatsServer s = serverWithBcryptUser(6);
        try (RawClient watcher = RawClient.connect(s.port());
                RawClient c = RawClient.connect(s.port())) {
            watcher.readInfo();
            watcher.send("CONNECT {\"verbose\":false,\"user\":\"fast\",\"pass\":\"plain\"}\r\nSUB foo 1\r\nPING\r\n");
            assertThat(watcher.readLineSkippingPings()).isEqualTo("PONG");
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"user\":\"slow\",\"pass\":\"wrong\"}\r\nPUB foo 5\r\nsneak\r\n"
                    + "PING\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(c.closedWithin(2000)).isTrue();
            watcher.send("PING\r\n");
            assertThat(watcher.readLineSkippingPings()).as("the refused client's PUB was not routed")
                    .isEqualTo("PONG");
        }
    }

    /**
     * With one event loop, a client already connected keeps getting answers while another's bcrypt check runs:
     * the check is not on that loop. The hash cost makes the check take far longer than a PING round trip.
     */
    @Test
    void theEventLoopAnswersOthersWhileBcryptRuns() throws Exception {
        String hash = bcrypt(13, "pw");
        long start = System.nanoTime();
        BCrypt.verifyer().verify("pw".getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
        long checkNanos = System.nanoTime() - start;

        NatsServer s = startServer(o -> o.ioThreads(1).authTimeout(Duration.ofSeconds(30))
                .users(List.of(new User("slow", hash, null, null), new User("fast", "plain", null, null))));
        try (RawClient other = RawClient.connect(s.port()); RawClient c = RawClient.connect(s.port())) {
            other.readInfo();
            other.send("CONNECT {\"verbose\":false,\"user\":\"fast\",\"pass\":\"plain\"}\r\nPING\r\n");
            assertThat(other.readLineSkippingPings()).isEqualTo("PONG");
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"user\":\"slow\",\"pass\":\"pw\"}\r\nPING\r\n");
            Thread.sleep(20); // the check has started
            long pingStart = System.nanoTime();
            other.send("PING\r\n");
            assertThat(other.readLineSkippingPings()).isEqualTo("PONG");
            long pingNanos = System.nanoTime() - pingStart;
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(pingNanos).as("PING answered during a bcrypt check of %d ms", checkNanos / 1_000_000)
                    .isLessThan(checkNanos / 2);
        }
    }

    @Test
    void aReloadChecksBcryptClientsAgainOffTheLoop() throws Exception {
        NatsServer s = serverWithBcryptUser(6);
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"user\":\"slow\",\"pass\":\"pw\"}\r\nSUB foo 1\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            // same password, new hash: the new authenticator has an empty cache, so bcrypt runs again
            s.reload(s.options().toBuilder().users(List.of(new User("slow", bcrypt(6, "pw"), null, null),
                    new User("fast", "plain", null, null))).build());
            c.send("PUB foo 1\r\nx\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG foo 1 1");
            assertThat(c.readLineSkippingPings()).isEqualTo("x");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            // another password: the client is refused after the check
            s.reload(s.options().toBuilder().users(List.of(new User("slow", bcrypt(6, "other"), null, null),
                    new User("fast", "plain", null, null))).build());
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(c.closedWithin(2000)).isTrue();
        }
    }
}
