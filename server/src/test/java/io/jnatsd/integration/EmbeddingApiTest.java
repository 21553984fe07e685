package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedding API a JVM application uses: start, URL, close, awaitTermination. */
class EmbeddingApiTest extends JnatsIntegrationTest {

    @Test
    void startReturnsARunningServerWithALoopbackUrl() throws Exception {
        try (NatsServer s = NatsServer.start()) {
            assertThat(s.isRunning()).isTrue();
            assertThat(s.port()).isPositive();
            assertThat(s.clientUrl()).isEqualTo("nats://127.0.0.1:" + s.port());

            Connection nc = track(JnatsClients.connect(s));
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(s.connectionCount()).isEqualTo(1);
            nc.close();
        }
    }

    @Test
    void closeIsIdempotentAndThePortRefusesConnectionsAfterwards() throws Exception {
        NatsServer s = NatsServer.start(ServerOptions.builder().host("127.0.0.1").port(0).build());
        int port = s.port();
        try (Socket probe = new Socket("127.0.0.1", port)) {
            assertThat(probe.isConnected()).isTrue();
        }

        s.close();
        s.close(); // second close: no exception, no effect

        assertThat(s.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void awaitTerminationBlocksUntilClose() throws Exception {
        NatsServer s = startServer(o -> o);
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                s.awaitTermination();
                returned.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();

        assertThat(returned.await(200, TimeUnit.MILLISECONDS)).as("returned while running").isFalse();
        s.close();
        assertThat(returned.await(5, TimeUnit.SECONDS)).as("returned after close").isTrue();
    }

    @Test
    void closeDisconnectsClients() throws Exception {
        NatsServer s = startServer(o -> o);
        Connection nc = connect(s, o -> o);
        assertThat(s.connectionCount()).isEqualTo(1);

        s.close();

        Await.until(WAIT, "client sees the connection gone", () -> nc.getStatus() != Connection.Status.CONNECTED);
        assertThat(s.connectionCount()).isZero();
    }

    @Test
    void startOnAPortInUseFails() {
        NatsServer s = startServer(o -> o);
        assertThatThrownBy(() -> NatsServer.start(ServerOptions.builder().host("127.0.0.1").port(s.port()).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Integer.toString(s.port()));
        assertThat(s.isRunning()).isTrue();
    }

    @Test
    void connectionCountFollowsClients() throws Exception {
        NatsServer s = server();
        Connection a = connect();
        Connection b = connect();
        assertThat(s.connectionCount()).isEqualTo(2);
        a.close();
        Await.until(WAIT, "one client left", () -> s.connectionCount() == 1);
        b.close();
        Await.until(WAIT, "no client left", () -> s.connectionCount() == 0);
    }
}
