package io.jnatsd.client;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HMSG lines whose reply, header size and total size fill the frame's first buffer to the last byte and beyond. */
class MsgFrameLengthTest {
    @Test
    void hmsgLinesAroundTheBufferSizeAreDelivered() throws Exception {
        try (NatsServer s = TestServers.start(); RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB foo 1\r\n");
            String headers = "NATS/1.0\r\nA: bbb\r\n\r\n"; // 20 bytes
            // " reply 20 22\r\n": 5 + reply + 2 + 2 bytes; 64 is the frame's first buffer
            for (int replyLen = 50; replyLen <= 60; replyLen++) {
                String reply = "r".repeat(replyLen);
                c.send("HPUB foo " + reply + " 20 22\r\n" + headers + "xy\r\nPING\r\n");
                assertThat(c.readLine()).isEqualTo("HMSG foo 1 " + reply + " 20 22");
                assertThat(c.readLine()).isEqualTo("NATS/1.0");
                assertThat(c.readLine()).isEqualTo("A: bbb");
                assertThat(c.readLine()).isEmpty();
                assertThat(c.readLine()).isEqualTo("xy");
                assertThat(c.readLine()).isEqualTo("PONG");
            }
        }
    }
}
