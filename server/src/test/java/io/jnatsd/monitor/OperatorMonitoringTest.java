package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator mode in /accountz (the account JWT, issuer, name) and /connz?auth=1 (the user JWT, issuer, name). */
@Timeout(30)
class OperatorMonitoringTest {
    @TempDir
    Path tmp;

    @Test
    void accountzAndConnzShowTheJwts() throws Exception {
        OperatorFixture fx = new OperatorFixture(tmp);
        OperatorFixture.Acct a = fx.account("ALPHA", n -> n.putArray("exports").addObject()
                .put("subject", "pub.>").put("type", "stream"));
        OperatorFixture.User u = fx.user(a, n -> { });
        Path conf = fx.write("s.conf", fx.memoryConfig());
        try (MonitoredServer m = MonitoredServer.start(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        }); RawClient c = m.track(OperatorClients.login(m.server.port(), u.jwt(), u.key()))) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            JsonNode list = m.http.json("/accountz");
            assertThat(list.path("system_account").asText()).isEqualTo(fx.system.publicKey());
            assertThat(list.path("accounts").toString()).contains(a.publicKey());
            JsonNode d = m.http.json("/accountz?acc=" + a.publicKey()).path("account_detail");
            assertThat(d.path("account_name").asText()).isEqualTo(a.publicKey());
            assertThat(d.path("jwt").asText()).isEqualTo(a.jwt);
            assertThat(d.path("issuer_key").asText()).isEqualTo(io.jnatsd.testing.JwtFixtures.publicKey(fx.operator));
            assertThat(d.path("name_tag").asText()).isEqualTo("ALPHA");
            assertThat(d.path("decoded_jwt").path("sub").asText()).isEqualTo(a.publicKey());
            assertThat(d.path("exports").get(0).path("subject").asText()).isEqualTo("pub.>");
            assertThat(d.path("client_connections").asInt()).isEqualTo(1);
            JsonNode conn = m.http.json("/connz?auth=1").path("connections").get(0);
            assertThat(conn.path("authorized_user").asText()).isEqualTo(u.publicKey());
            assertThat(conn.path("account").asText()).isEqualTo(a.publicKey());
            assertThat(conn.path("jwt").asText()).isEqualTo(u.jwt());
            assertThat(conn.path("issuer_key").asText()).isEqualTo(a.publicKey());
            assertThat(conn.path("name_tag").asText()).isEqualTo("user-of-ALPHA");
        }
    }
}
