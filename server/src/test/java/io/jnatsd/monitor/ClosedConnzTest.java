package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /connz?state=closed: the ring of recently closed connections, each with the reason nats-server gives, its final
 * counters and subscriptions.
 */
@Timeout(60)
class ClosedConnzTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<String> field(JsonNode connz, String name) {
        List<String> out = new ArrayList<>();
        connz.get("connections").forEach(c -> out.add(c.path(name).asText()));
        return out;
    }

    private static JsonNode closedNamed(MonitoredServer m, String name) throws InterruptedException {
        Await.until(WAIT, name + " listed as closed",
                () -> field(m.http.json("/connz?state=closed"), "name").contains(name));
        for (JsonNode c : m.http.json("/connz?state=closed&subs=detail").get("connections")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError(name + " vanished");
    }

    @Test
    void clientCloseKeepsFinalCountersAndSubscriptions() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient c = m.raw("{\"verbose\":false,\"name\":\"leaver\",\"user\":\"carol\"}");
            MonitoredServer.sync(c, "SUB a 1\r\nSUB b q 2\r\nPUB a 3\r\nabc\r\n");
            c.close();
            JsonNode closed = closedNamed(m, "leaver");
            assertThat(closed.get("reason").asText()).isEqualTo("Client Closed");
            OffsetDateTime stop = OffsetDateTime.parse(closed.get("stop").asText());
            assertThat(stop).isAfterOrEqualTo(OffsetDateTime.parse(closed.get("start").asText()));
            assertThat(closed.get("in_msgs").asLong()).isEqualTo(1);
            assertThat(closed.get("in_bytes").asLong()).isEqualTo(3);
            assertThat(closed.get("out_msgs").asLong()).isEqualTo(1);
            assertThat(closed.get("subscriptions").asInt()).isEqualTo(2);
            long cid = closed.get("cid").asLong();
            assertThat(closed.get("subscriptions_list_detail").toString()).isEqualTo("["
                    + "{\"account\":\"$G\",\"subject\":\"a\",\"sid\":\"1\",\"msgs\":1,\"cid\":" + cid + "},"
                    + "{\"account\":\"$G\",\"subject\":\"b\",\"qgroup\":\"q\",\"sid\":\"2\",\"msgs\":0,\"cid\":"
                    + cid + "}]");
            assertThat(m.http.json("/connz").get("total").asInt()).as("no longer open").isZero();
            assertThat(m.http.json("/connz?state=closed&auth=1").get("connections").get(0)
                    .get("authorized_user").asText()).isEqualTo("carol");
            assertThat(field(m.http.json("/connz?state=closed&subs=1"), "subscriptions_list"))
                    .as("subjects kept too").hasSize(1);
            assertThat(m.http.json("/connz?state=closed&cid=" + cid).get("total").asInt()).isEqualTo(1);
            assertThat(m.http.json("/connz?cid=" + cid).get("total").asInt()).as("open only by default").isZero();
        }
    }

    @Test
    void authenticationFailureIsRecorded() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.authToken("right"))) {
            RawClient c = m.track(RawClient.connect(m.server.port()));
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"auth_token\":\"wrong\",\"name\":\"intruder\"}\r\nPING\r\n");
            assertThat(c.readLine()).startsWith("-ERR 'Authorization Violation'");
            // The refused CONNECT is never applied, so the record has no name.
            assertThat(closedNamed(m, "").get("reason").asText()).isEqualTo("Authentication Failure");
        }
    }

    @Test
    void staleConnectionIsRecorded() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.pingInterval(Duration.ofMillis(100)).pingMax(1))) {
            RawClient c = m.raw("{\"verbose\":false,\"name\":\"sleeper\"}");
            // It never answers the server's PINGs from here on.
            assertThat(closedNamed(m, "sleeper").get("reason").asText()).isEqualTo("Stale Connection");
            c.close();
        }
    }

    @Test
    void slowConsumerIsRecordedAndCounted() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.maxPending(256 * 1024).maxPayload(64 * 1024));
                Connection pub = JnatsClients.connect(m.server)) {
            // A subscriber that never reads, with a small receive window so the backlog reaches the server quickly.
            RawClient stuck = m.track(RawClient.connectWithReceiveBuffer(m.server.port(), 8 * 1024));
            stuck.readInfo();
            MonitoredServer.sync(stuck, "CONNECT {\"verbose\":false,\"name\":\"stuck\"}\r\nSUB firehose 1\r\n");
            byte[] payload = new byte[1024];
            for (int i = 0; i < 5_000 && m.server.slowConsumerCount() == 0; i++) {
                pub.publish("firehose", payload);
            }
            pub.flush(Duration.ofSeconds(15));
            JsonNode closed = closedNamed(m, "stuck");
            assertThat(closed.get("reason").asText()).isEqualTo("Slow Consumer (Pending Bytes)");
            assertThat(closed.get("out_msgs").asLong()).isPositive();
            assertThat(m.http.json("/varz").get("slow_consumers").asLong()).isEqualTo(1);
            assertThat(m.http.json("/accstatz").get("account_statz").get(0).get("slow_consumers").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void closedConnectionsSortAndMixWithOpenOnes() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient first = m.raw("{\"verbose\":false,\"name\":\"first\"}");
            RawClient second = m.raw("{\"verbose\":false,\"name\":\"second\"}");
            m.raw("{\"verbose\":false,\"name\":\"stays\"}");
            second.close();
            closedNamed(m, "second");
            Thread.sleep(20);
            first.close();
            closedNamed(m, "first");

            assertThat(field(m.http.json("/connz?state=closed"), "name")).containsExactly("first", "second");
            assertThat(field(m.http.json("/connz?state=closed&sort=stop"), "name"))
                    .as("most recently closed first").containsExactly("first", "second");
            assertThat(field(m.http.json("/connz?state=closed&sort=reason"), "reason"))
                    .containsExactly("Client Closed", "Client Closed");
            JsonNode all = m.http.json("/connz?state=all");
            assertThat(field(all, "name")).containsExactly("first", "second", "stays");
            assertThat(all.get("total").asInt()).isEqualTo(3);
            assertThat(field(m.http.json("/connz?state=any&limit=1&offset=2"), "name")).containsExactly("stays");
        }
    }

    @Test
    void ringKeepsOnlyTheMostRecentMaxClosedClients() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.maxClosedClients(2))) {
            for (int i = 1; i <= 4; i++) {
                m.raw("{\"verbose\":false,\"name\":\"gone" + i + "\"}").close();
                closedNamed(m, "gone" + i);
            }
            JsonNode closed = m.http.json("/connz?state=closed");
            assertThat(closed.get("total").asInt()).isEqualTo(2);
            assertThat(field(closed, "name")).containsExactly("gone3", "gone4");
        }
    }

    @Test
    void noRingWhenMaxClosedClientsIsZero() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.maxClosedClients(0))) {
            m.raw("{\"verbose\":false,\"name\":\"gone\"}").close();
            Await.until(WAIT, "connection closed", () -> m.server.connectionCount() == 0);
            assertThat(m.http.json("/connz?state=closed").get("total").asInt()).isZero();
            assertThat(m.http.json("/varz").get("total_connections").asInt()).isEqualTo(1);
        }
    }
}
