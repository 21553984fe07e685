package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push flow control on the wire: the consumer asks with {@code 100 FlowControl Request} (reply
 * {@code $JS.FC.<stream>.<consumer>.<n>}), stops when a client does not answer, says so in its idle heartbeats
 * ({@code Nats-Consumer-Stalled}), and goes on once the request is answered.
 */
@Timeout(30)
class JetStreamFlowControlTest {
    @TempDir
    Path storeDir;

    @Test
    void stallsUntilTheFlowControlRequestIsAnswered() throws Exception {
        try (NatsServer s = TestServers.start(b -> b.jetstream(true).storeDir(storeDir.toString()));
                RawClient c = RawClient.connect(s.port())) {
            c.timeout(5000);
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB _R 1\r\nSUB dlv 2\r\nPING\r\n");
            c.readLineSkippingPings();
            String stream = "{\"name\":\"F\",\"subjects\":[\"f.>\"],\"storage\":\"memory\"}";
            c.send("PUB $JS.API.STREAM.CREATE.F _R " + stream.length() + "\r\n" + stream + "\r\n");
            c.readLineSkippingPings();
            c.readLine();
            StringBuilder pubs = new StringBuilder();
            int total = 5000;
            for (int i = 0; i < total; i++) {
                pubs.append("PUB f.x 1\r\nx\r\n");
            }
            c.send(pubs.toString());
            c.send("PING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            Thread.sleep(300); // the stream's writer stores them

            String create = "{\"stream_name\":\"F\",\"config\":{\"durable_name\":\"P\",\"deliver_subject\":\"dlv\","
                    + "\"ack_policy\":\"none\",\"flow_control\":true,\"idle_heartbeat\":500000000}}";
            c.send("PUB $JS.API.CONSUMER.DURABLE.CREATE.F.P _R " + create.length() + "\r\n" + create + "\r\n");
            int messages = 0;
            String request = null;
            String stalled = null;
            while (stalled == null) {
                String l = c.readLineSkippingPings();
                if (l.startsWith("MSG f.x 2 ")) {
                    messages++;
                    c.readLine();
                } else if (l.startsWith("HMSG dlv 2 $JS.FC.F.P.")) {
                    request = l.split(" ")[3];
                    assertThat(c.readLine()).isEqualTo("NATS/1.0 100 FlowControl Request");
                    c.readLine();
                    c.readLine();
                } else if (l.startsWith("HMSG dlv 2 ")) {
                    assertThat(c.readLine()).isEqualTo("NATS/1.0 100 Idle Heartbeat");
                    for (String h = c.readLine(); !h.isEmpty(); h = c.readLine()) {
                        if (h.startsWith("Nats-Consumer-Stalled: ")) {
                            stalled = h.substring("Nats-Consumer-Stalled: ".length());
                        }
                    }
                    c.readLine();
                } else {
                    c.readLine(); // the create response
                }
            }
            assertThat(messages).isLessThan(total).isGreaterThanOrEqualTo(1024);
            assertThat(stalled).isEqualTo(request);

            c.send("PUB " + request + " 0\r\n\r\n");
            while (messages < total) {
                String l = c.readLineSkippingPings();
                if (l.startsWith("MSG f.x 2 ")) {
                    messages++;
                    c.readLine();
                } else if (l.startsWith("HMSG dlv 2 $JS.FC.F.P.")) {
                    String next = l.split(" ")[3];
                    c.readLine();
                    c.readLine();
                    c.readLine();
                    c.send("PUB " + next + " 0\r\n\r\n");
                } else {
                    while (!c.readLine().isEmpty()) {
                        // a heartbeat's headers
                    }
                    c.readLine();
                }
            }
            assertThat(messages).isEqualTo(total);
        }
    }
}
