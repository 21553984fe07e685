package io.jnatsd.client;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void subPubOverRawSocket() throws Exception {
        try (NatsServer s = TestServers.start(); RawClient c = RawClient.connect(s.port())) {
            String info = c.readInfo();
            assertThat(info).contains("\"server_id\"");
            c.send("SUB foo 1\r\nPUB foo 5\r\nhello\r\nPING\r\n");
            assertThat(c.readLine()).isEqualTo("+OK");
            assertThat(c.readLine()).isEqualTo("+OK");
            assertThat(c.readLine()).isEqualTo("MSG foo 1 5");
            assertThat(c.readLine()).isEqualTo("hello");
            assertThat(c.readLine()).isEqualTo("PONG");
        }
    }
}
