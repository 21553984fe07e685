package io.jnatsd.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.RawClient;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LameDuckTest {
    private static NatsServer start(Duration duration, Duration grace) {
        return NatsServer.start(ServerOptions.ephemeral().toBuilder().host("127.0.0.1")
                .lameDuckDuration(duration).lameDuckGracePeriod(grace).build());
    }

    @Test
    void tellsClientsThenClosesThemAfterTheGracePeriodThenStops() throws Exception {
        try (NatsServer server = start(Duration.ofSeconds(4), Duration.ofMillis(700))) {
            int port = server.port();
            RawClient raw = RawClient.connect(port);
            raw.readInfo();
            raw.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
            assertThat(raw.readLineSkippingPings()).isEqualTo("PONG");
            long start = System.nanoTime();

            server.enterLameDuckMode();

            assertThat(raw.readLineSkippingPings()).startsWith("INFO ").contains("\"ldm\":true");
            assertThatThrownBy(() -> RawClient.connect(port)).isInstanceOf(ConnectException.class);
            assertThat(raw.closedWithin(5000)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(600);
            Thread waiter = new Thread(() -> {
                try {
                    server.awaitTermination();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            waiter.start();
            waiter.join(5000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void protocolZeroClientsGetNoAsyncInfo() throws Exception {
        try (NatsServer server = start(Duration.ofSeconds(4), Duration.ofSeconds(1));
             RawClient raw = RawClient.connect(server.port())) {
            raw.readInfo();
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLineSkippingPings()).isEqualTo("PONG");
            server.enterLameDuckMode();
            // Nothing arrives before the close: an old client would not understand an INFO.
            assertThat(raw.readLineSkippingPings()).isNull();
        }
    }

    @Test
    void withoutClientsTheServerStopsRightAway() throws Exception {
        try (NatsServer server = start(Duration.ofSeconds(30), Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            server.enterLameDuckMode();
            server.awaitTermination();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        }
    }
}
