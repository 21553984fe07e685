package io.jnatsd.monitor;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /metrics: valid Prometheus text, exporter-compatible names, values from the live counters. */
class MetricsTest {
    /** Every metric /metrics writes, with the type documented in docs/operations.md. */
    private static final List<String> GAUGES = List.of(
            "gnatsd_varz_connections", "gnatsd_varz_total_connections", "gnatsd_varz_in_msgs",
            "gnatsd_varz_out_msgs", "gnatsd_varz_in_bytes", "gnatsd_varz_out_bytes", "gnatsd_varz_slow_consumers",
            "gnatsd_varz_subscriptions", "gnatsd_varz_mem", "gnatsd_varz_cpu", "gnatsd_varz_cores",
            "gnatsd_varz_uptime_seconds", "gnatsd_varz_max_connections", "gnatsd_varz_max_payload",
            "gnatsd_accstatz_current_connections", "gnatsd_accstatz_subscriptions");

    @Test
    void valuesMoveWithTrafficFromJnats() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            String sid = "server_id=" + m.http.json("/varz").get("server_id").asText();
            HttpResponse<String> first = m.http.get("/metrics");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText before = PrometheusText.parse(first.body());
            assertThat(before.types.keySet()).containsExactlyInAnyOrderElementsOf(GAUGES);
            assertThat(before.types.values()).containsOnly("gauge");
            assertThat(before.value("gnatsd_varz_in_msgs", sid)).isZero();
            assertThat(before.value("gnatsd_varz_connections", sid)).isZero();

            int n = 250;
            byte[] payload = "0123456789".getBytes(StandardCharsets.US_ASCII);
            try (Connection nc = JnatsClients.connect(m.server)) {
                Subscription sub = nc.subscribe("metrics.test");
                nc.subscribe("metrics.other");
                nc.flush(Duration.ofSeconds(5));
                for (int i = 0; i < n; i++) {
                    nc.publish("metrics.test", payload);
                }
                for (int i = 0; i < n; i++) {
                    assertThat(sub.nextMessage(Duration.ofSeconds(5))).as("message " + i).isNotNull();
                }
                PrometheusText after = PrometheusText.parse(m.http.get("/metrics").body());
                assertThat(after.value("gnatsd_varz_in_msgs", sid)).isEqualTo(n);
                assertThat(after.value("gnatsd_varz_out_msgs", sid)).isEqualTo(n);
                assertThat(after.value("gnatsd_varz_in_bytes", sid)).isEqualTo(n * payload.length);
                assertThat(after.value("gnatsd_varz_out_bytes", sid)).isEqualTo(n * payload.length);
                assertThat(after.value("gnatsd_varz_connections", sid)).isEqualTo(1);
                assertThat(after.value("gnatsd_varz_total_connections", sid)).isEqualTo(1);
                assertThat(after.value("gnatsd_varz_subscriptions", sid)).isEqualTo(2);
                assertThat(after.value("gnatsd_accstatz_current_connections", "account=$G," + sid)).isEqualTo(1);
                assertThat(after.value("gnatsd_accstatz_subscriptions", "account=$G," + sid)).isEqualTo(2);
                assertThat(after.value("gnatsd_varz_slow_consumers", sid)).isZero();
                assertThat(after.value("gnatsd_varz_mem", sid)).isPositive();
                assertThat(after.value("gnatsd_varz_cores", sid)).isEqualTo(Runtime.getRuntime().availableProcessors());
                assertThat(after.value("gnatsd_varz_uptime_seconds", sid))
                        .isGreaterThan(before.value("gnatsd_varz_uptime_seconds", sid));
                assertThat(after.value("gnatsd_varz_max_payload", sid)).isEqualTo(1024 * 1024);
            }
            // Totals keep the closed connection's messages; the open counts go back to zero. The close finishes on
            // the server after jnats returns, and while it does ClientRegistry has already added the connection to
            // the closed totals but still lists it (and its subscriptions), so the scrape waits until both are gone.
            PrometheusText closed = scrapeUntilNoConnections(m, sid);
            assertThat(closed.value("gnatsd_varz_in_msgs", sid)).isEqualTo(n);
            assertThat(closed.value("gnatsd_varz_connections", sid)).isZero();
            assertThat(closed.value("gnatsd_varz_subscriptions", sid)).isZero();
        }
    }

    private static PrometheusText scrapeUntilNoConnections(MonitoredServer m, String sid)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            PrometheusText p = PrometheusText.parse(m.http.get("/metrics").body());
            boolean gone = p.value("gnatsd_varz_connections", sid) == 0
                    && p.value("gnatsd_varz_subscriptions", sid) == 0;
            if (gone || System.nanoTime() > deadline) {
                return p;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void everyMetricHasHelpText() {
        try (MonitoredServer m = MonitoredServer.start()) {
            PrometheusText p = PrometheusText.parse(m.http.get("/metrics").body());
            for (String g : GAUGES) {
                assertThat(p.help.get(g)).as(g).isNotBlank().isNotEqualTo(g);
            }
        }
    }

    @Test
    void servedUnderTheBasePath() {
        try (MonitoredServer m = MonitoredServer.start(b -> b.httpBasePath("mon"))) {
            assertThat(m.http.get("/mon/metrics").body()).contains("# TYPE gnatsd_varz_in_msgs gauge\n");
            assertThat(m.http.get("/metrics").statusCode()).isEqualTo(404);
        }
    }

    /** The reader the tests rely on must itself reject broken text, or the format checks above prove nothing. */
    @Test
    void theTestParserRejectsInvalidText() {
        assertThatThrownBy(() -> PrometheusText.parse("x 1\n")).hasMessageContaining("before its TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("# HELP x h\n# TYPE x gauge\nx{a=b} 1\n"))
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> PrometheusText.parse("# HELP x h\n# TYPE x gauge\nx 1"))
                .hasMessageContaining("newline");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx 1\n")).hasMessageContaining("HELP");
        assertThat(PrometheusText.parse("# HELP x h\n# TYPE x gauge\nx{a=\"b\"} 1.5\n").value("x", "a=b"))
                .isEqualTo(1.5);
    }
}
