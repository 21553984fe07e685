package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.NKeyAuthHandler;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * always_enable_nonce (nats-server 2.10; 2.9.10 refuses the key): INFO carries a fresh nonce even when no login
 * needs one; clients may sign it, and nothing else changes.
 */
class AlwaysEnableNonceTest extends JnatsIntegrationTest {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]*)\"");

    private NatsServer start(String conf) {
        return startServer(b -> PermissionsTest.load(conf, b).host("127.0.0.1").port(0));
    }

    private static String nonceOf(String info) {
        Matcher m = NONCE.matcher(info);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void withoutAuthInfoCarriesAFreshNonceAndClientsWorkAsBefore() throws Exception {
        NatsServer s = start("always_enable_nonce: true");
        String first;
        try (RawClient a = RawClient.connect(s.port()); RawClient b = RawClient.connect(s.port())) {
            String info = a.readInfo();
            first = nonceOf(info);
            assertThat(first).matches("[A-Za-z0-9_-]{15}");
            assertThat(info).doesNotContain("auth_required");
            assertThat(nonceOf(b.readInfo())).as("one nonce per connection").isNotEqualTo(first);
        }
        Connection nc = connect(s, o -> o);
        assertThat(nc.getServerInfo().getNonce()).isNotEmpty();
        Subscription sub = nc.subscribe("n.x");
        nc.publish("n.x", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(sub.nextMessage(WAIT).getData()).asString().isEqualTo("hi");
    }

    @Test
    void passwordUsersMaySignTheNonce() throws Exception {
        NatsServer s = start("always_enable_nonce: true\nauthorization { users = [ {user: bob, password: pw} ] }");
        NKeyAuthHandler key = NKeyAuthHandler.newUser();
        try (RawClient c = RawClient.connect(s.port())) {
            String nonce = nonceOf(c.readInfo());
            assertThat(nonce).isNotNull();
            c.send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"pw\",\"sig\":\"" + key.signature(nonce)
                    + "\"}\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"nope\"}\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
        }
        assertThat(connect(s, o -> o.userInfo("bob", "pw")).getServerInfo().getNonce()).isNotEmpty();
    }

    @Test
    void withoutTheKeyThereIsNoNonce() throws Exception {
        NatsServer s = start("authorization { users = [ {user: bob, password: pw} ] }");
        try (RawClient c = RawClient.connect(s.port())) {
            assertThat(nonceOf(c.readInfo())).isNull();
        }
    }
}
