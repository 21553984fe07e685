package io.jnatsd.monitor;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP side: when the listener runs, where it binds, and how it answers what is not a plain GET of a path. */
@Timeout(30)
class HttpListenerTest {
    @Test
    void offUnlessAPortIsConfigured() {
        try (NatsServer s = TestServers.start()) {
            assertThat(s.monitoringPort()).isZero();
        }
    }

    @Test
    void bindsTheConfiguredPortAndHost() {
        int port = FreePorts.find();
        try (NatsServer s = TestServers.start(b -> b.httpPort(port).httpHost("localhost"))) {
            assertThat(s.monitoringPort()).isEqualTo(port);
            var varz = new Http(port).json("/varz");
            assertThat(varz.get("http_port").asInt()).isEqualTo(port);
            assertThat(varz.get("http_host").asText()).isEqualTo("localhost");
        }
    }

    @Test
    void aBusyPortFailsTheStart() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TestServers.start(b -> b.httpPort(busy.getLocalPort())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("monitor port");
        }
    }

    @Test
    void stopsWithTheServer() {
        NatsServer s = TestServers.start(b -> b.httpPort(-1));
        Http http = new Http(s.monitoringPort());
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        s.close();
        assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void unknownPathsAre404LikeGo() {
        try (MonitoredServer m = MonitoredServer.start()) {
            for (String p : new String[] {"/nope", "/varz/", "/VARZ", "/stacksz/x", "/index.html"}) {
                HttpResponse<String> r = m.http.get(p);
                assertThat(r.statusCode()).as(p).isEqualTo(404);
                assertThat(r.body()).isEqualTo("404 page not found\n");
                assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            }
        }
    }

    @Test
    void headPostAndJsonp() {
        try (MonitoredServer m = MonitoredServer.start()) {
            HttpResponse<String> head = m.http.send("HEAD", "/varz");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValueAsLong("content-length").orElse(0)).isPositive();
            assertThat(m.http.send("POST", "/healthz").body()).isEqualTo("{\"status\":\"ok\"}");

            HttpResponse<String> jsonp = m.http.get("/varz?callback=show");
            assertThat(jsonp.headers().firstValue("content-type")).hasValue("application/javascript");
            assertThat(jsonp.body()).startsWith("show({\n").endsWith("})");
            String inner = jsonp.body().substring("show(".length(), jsonp.body().length() - 1);
            assertThat(Http.parse(inner).get("server_id").asText()).isEqualTo(m.server.serverId());
            ConnzTest.assertBad(m, "/connz?callback=show&limit=x",
                    "Error decoding int for 'limit': strconv.Atoi: parsing \"x\": invalid syntax");
            assertThat(m.http.get("/varz").headers().firstValue("content-type")).hasValue("application/json");
        }
    }

    @Test
    void indexPageLinksEveryEndpoint() {
        try (MonitoredServer m = MonitoredServer.start()) {
            HttpResponse<String> r = m.http.get("/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            for (String p : new String[] {"varz", "connz", "subsz", "routez", "gatewayz", "leafz", "accountz",
                    "accstatz", "jsz", "healthz"}) {
                assertThat(r.body()).contains("href=\"/" + p + "\"");
                assertThat(m.http.get("/" + p).statusCode()).as(p).isEqualTo(200);
            }
        }
    }

    @Test
    void endpointsMoveUnderTheBasePath() {
        try (MonitoredServer m = MonitoredServer.start(b -> b.httpBasePath("mon/"))) {
            assertThat(m.http.json("/mon/varz").get("http_base_path").asText()).isEqualTo("mon/");
            assertThat(m.http.get("/mon/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> index = m.http.get("/mon");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("href=\"/mon/connz\"");
            for (String p : new String[] {"/varz", "/", "/mon/", "/monvarz", "/mon/varz/"}) {
                assertThat(m.http.get(p).statusCode()).as(p).isEqualTo(404);
            }
            assertThat(m.http.json("/mon/varz").get("http_req_stats").get("/varz").asInt())
                    .as("counted under the plain path, as nats-server does").isEqualTo(2);
        }
    }

    @Test
    void basePathIsNormalised() {
        assertThat(Monitoring.basePath(null)).isEqualTo("/");
        assertThat(Monitoring.basePath("")).isEqualTo("/");
        assertThat(Monitoring.basePath("/")).isEqualTo("/");
        assertThat(Monitoring.basePath("mon")).isEqualTo("/mon");
        assertThat(Monitoring.basePath("/a//b/")).isEqualTo("/a/b");
    }

    @Test
    void servesConcurrentRequests() {
        try (MonitoredServer m = MonitoredServer.start()) {
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String p = i % 2 == 0 ? "/varz" : "/connz?subs=1";
                all.add(CompletableFuture.supplyAsync(() -> m.http.get(p).statusCode()));
            }
            all.forEach(f -> assertThat(f.join()).isEqualTo(200));
            assertThat(m.http.json("/varz").get("http_req_stats").get("/connz").asInt()).isEqualTo(20);
        }
    }
}
