package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** https_port: the monitoring endpoints over TLS, with the tls block's certificate. */
@Timeout(30)
class HttpsMonitorTest {
    private final TestCertificates certs = TestCertificates.create();

    @Test
    void varzAnswersOverHttps() throws Exception {
        // verify on the client port does not make the monitor ask browsers for a certificate (as nats-server)
        String conf = certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\"");
        try (NatsServer s = NatsServer.start(TlsServers.fromConfig(conf).httpsPort(-1).build())) {
            int port = s.monitoringPort();
            assertThat(port).isPositive();
            HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext(null))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                    + "/varz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode varz = new ObjectMapper().readTree(r.body());
            assertThat(varz.get("https_port").asInt()).isEqualTo(port);
            assertThat(varz.get("http_port").asInt()).isZero();
            assertThat(varz.get("tls_required").asBoolean()).isTrue();
            assertThat(varz.get("tls_verify").asBoolean()).isTrue();

            try (io.nats.client.Connection nc = TlsServers.connect(s, certs, certs.client("CN=c", null))) {
                HttpResponse<String> cz = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                        + "/connz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode conn = new ObjectMapper().readTree(cz.body()).get("connections").get(0);
                assertThat(conn.get("tls_version").asText()).isEqualTo("1.3");
                assertThat(conn.get("tls_cipher_suite").asText()).startsWith("TLS_");
            }

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/varz")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void httpsNeedsTlsAndExcludesHttp() {
        assertThatThrownBy(() -> NatsServer.start(TlsServers.fromConfig("").httpsPort(-1).build()))
                .hasMessage("Can't start monitoring: TLS cert and key required for HTTPS");
        assertThatThrownBy(() -> NatsServer.start(TlsServers.fromConfig(certs.tlsBlock()).httpsPort(18443)
                .httpPort(18222).build()))
                .hasMessage("Can't start monitoring: can't specify both HTTP (18222) and HTTPs (18443) ports");
    }
}
