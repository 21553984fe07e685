package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** /varz reports the options the server runs with and live totals that follow the traffic. */
@Timeout(30)
class VarzTest {
    @Test
    void reportsIdentityPortsAndOptions() {
        try (MonitoredServer m = MonitoredServer.start(b -> b.maxPayload(512 * 1024)
                .pingInterval(Duration.ofSeconds(30)).pingMax(3).maxSubscriptions(100).maxConnections(500)
                .writeDeadline(Duration.ofSeconds(4))
                .authTimeout(Duration.ofMillis(1500)).serverName("varz-test").authToken("s3cret")
                .serverTags(java.util.List.of("region:eu", "ssd")))) {
            JsonNode v = m.http.json("/varz");
            assertThat(v.get("server_id").asText()).isEqualTo(m.server.serverId());
            assertThat(v.get("server_name").asText()).isEqualTo("varz-test");
            assertThat(v.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(v.get("port").asInt()).isEqualTo(m.server.port());
            assertThat(v.get("http_host").asText()).isEqualTo("127.0.0.1");
            assertThat(v.get("http_port").asInt()).isEqualTo(m.server.monitoringPort()).isPositive();
            assertThat(v.get("proto").asInt()).isEqualTo(1);
            assertThat(v.get("max_payload").asLong()).isEqualTo(512 * 1024);
            assertThat(v.get("ping_interval").asLong()).isEqualTo(30_000_000_000L);
            assertThat(v.get("ping_max").asInt()).isEqualTo(3);
            assertThat(v.get("max_subscriptions").asInt()).isEqualTo(100);
            assertThat(v.get("max_connections").asInt()).isEqualTo(500);
            assertThat(v.get("write_deadline").asLong()).isEqualTo(4_000_000_000L);
            assertThat(v.get("auth_timeout").asDouble()).isEqualTo(1.5);
            assertThat(v.get("auth_required").asBoolean()).isTrue();
            assertThat(v.get("max_pending").asLong()).isEqualTo(64L * 1024 * 1024);
            assertThat(v.get("cluster").isObject()).isTrue();
            assertThat(v.get("jetstream").size()).isZero();
            assertThat(v.get("system_account").asText()).isEqualTo("$SYS");
            assertThat(v.get("tags").toString()).isEqualTo("[\"region:eu\",\"ssd\"]");
            assertThat(v.get("http_base_path").asText()).isEmpty();
        }
    }

    @Test
    void optionalFieldsAreLeftOutWhenNotSet() {
        try (MonitoredServer m = MonitoredServer.start()) {
            JsonNode v = m.http.json("/varz");
            assertThat(v.has("auth_required")).isFalse();
            assertThat(v.has("max_subscriptions")).isFalse();
            assertThat(v.has("tags")).isFalse();
        }
    }

    @Test
    void timesAreRfc3339AndUptimeIsGoStyle() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            Thread.sleep(1100);
            JsonNode v = m.http.json("/varz");
            OffsetDateTime start = OffsetDateTime.parse(v.get("start").asText());
            OffsetDateTime now = OffsetDateTime.parse(v.get("now").asText());
            assertThat(now).isAfter(start);
            assertThat(v.get("config_load_time").asText()).isEqualTo(v.get("start").asText());
            assertThat(v.get("uptime").asText()).matches("[1-9][0-9]*s");
            assertThat(v.get("mem").asLong()).isPositive();
            assertThat(v.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(v.get("gomaxprocs").asInt()).isPositive();
            assertThat(v.get("cpu").isNumber()).isTrue();
        }
    }

    @Test
    void totalsFollowTrafficAndSurviveClosedConnections() throws Exception {
        try (MonitoredServer m = MonitoredServer.start();
                Connection pub = JnatsClients.connect(m.server)) {
            Connection sub = JnatsClients.connect(m.server);
            Subscription s = sub.subscribe("totals");
            JnatsClients.flush(sub);
            for (int i = 0; i < 10; i++) {
                pub.publish("totals", "abc".getBytes(StandardCharsets.US_ASCII));
            }
            JnatsClients.flush(pub);
            JnatsClients.flush(sub);
            assertThat(s.getPendingMessageCount()).isEqualTo(10);

            JsonNode v = m.http.json("/varz");
            assertThat(v.get("connections").asInt()).isEqualTo(2);
            assertThat(v.get("total_connections").asLong()).isEqualTo(2);
            assertThat(v.get("subscriptions").asInt()).isEqualTo(1);
            assertThat(v.get("in_msgs").asLong()).isEqualTo(10);
            assertThat(v.get("in_bytes").asLong()).isEqualTo(30);
            assertThat(v.get("out_msgs").asLong()).isEqualTo(10);
            assertThat(v.get("out_bytes").asLong()).isEqualTo(30);

            sub.close();
            Await.until(Duration.ofSeconds(5), "subscriber gone", () -> m.server.connectionCount() == 1);
            Await.until(Duration.ofSeconds(5), "subscriber's totals kept after it closed",
                    () -> m.http.json("/varz").get("out_msgs").asLong() == 10);
            v = m.http.json("/varz");
            assertThat(v.get("connections").asInt()).isEqualTo(1);
            assertThat(v.get("total_connections").asLong()).isEqualTo(2);
            assertThat(v.get("subscriptions").asInt()).isZero();
            assertThat(v.get("in_msgs").asLong()).isEqualTo(10);
            assertThat(v.get("out_bytes").asLong()).isEqualTo(30);
        }
    }

    @Test
    void rawPublishesCountPayloadBytesOnly() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient c = m.raw("{\"verbose\":false,\"headers\":true}");
            MonitoredServer.sync(c, "SUB h 1\r\nPUB h 5\r\nhello\r\nHPUB h 12 17\r\nNATS/1.0\r\n\r\nhello\r\n");
            JsonNode v = m.http.json("/varz");
            assertThat(v.get("in_msgs").asLong()).isEqualTo(2);
            assertThat(v.get("in_bytes").asLong()).as("header and payload bytes, as nats-server").isEqualTo(22);
            assertThat(v.get("out_msgs").asLong()).isEqualTo(2);
            assertThat(v.get("out_bytes").asLong()).isEqualTo(22);
        }
    }

    @Test
    void httpRequestStatsCountEachPathServed() {
        try (MonitoredServer m = MonitoredServer.start()) {
            assertThat(m.http.json("/varz").get("http_req_stats").toString()).isEqualTo("{\"/varz\":1}");
            m.http.json("/connz");
            m.http.json("/connz?subs=1");
            m.http.json("/subscriptionsz");
            m.http.get("/nope");
            m.http.get("/");
            JsonNode stats = m.http.json("/varz").get("http_req_stats");
            assertThat(stats.toString()).isEqualTo("{\"/\":1,\"/connz\":2,\"/subsz\":1,\"/varz\":2}");
        }
    }
}
