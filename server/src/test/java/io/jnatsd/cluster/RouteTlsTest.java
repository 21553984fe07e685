package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.testing.TestClusters;
import io.jnatsd.tls.TlsSettings;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cluster { tls { cert_file, key_file, ca_file, verify } }}: the TLS handshake comes first on every route (as
 * nats-server 2.9), mutual when verify is set, between jnatsd nodes and with nats-server both ways. Certificates are
 * made at test time; the server certificate (SAN 127.0.0.1) is also each node's client certificate.
 */
class RouteTlsTest {
    private static TestCertificates certs;
    private static TlsSettings mutual;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create();
        mutual = TlsSettings.of(certs.server().certFile().toString(), certs.server().keyFile().toString())
                .withCaFile(certs.caFile().toString()).withVerify(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        closing.add(c);
        return c;
    }

    private NatsServer node(TlsSettings tls, String... routes) {
        return keep(TestClusters.securedNode(RouteSecurity.NONE.withTls(tls), routes));
    }

    private static void awaitDelivery(Connection pub, Subscription sub, String subject) throws Exception {
        Await.until(Duration.ofSeconds(10), "a message on " + subject + " crossed", () -> {
            pub.publish(subject, new byte[] {1});
            try {
                return sub.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String goTlsBlock() {
        return "  tls {\n    cert_file: \"" + certs.server().certFile() + "\"\n    key_file: \""
                + certs.server().keyFile() + "\"\n    ca_file: \"" + certs.caFile() + "\"\n    verify: true\n  }\n";
    }

    @Test
    void twoNodesRouteOverMutualTls() throws Exception {
        NatsServer a = node(mutual);
        NatsServer b = node(mutual, TestClusters.routeUrl(a));
        TestClusters.awaitMesh(a, b);
        Connection onA = keep(JnatsClients.connect(a));
        Connection onB = keep(JnatsClients.connect(b));
        Subscription sub = onB.subscribe("tls.route");
        JnatsClients.flush(onB);
        awaitDelivery(onA, sub, "tls.route");
    }

    @Test
    void theRouteInfoComesAfterTheHandshakeAndSaysTlsRequired() throws Exception {
        NatsServer a = node(mutual);
        SSLSocket s = (SSLSocket) certs.clientContext(certs.server()).getSocketFactory()
                .createSocket("127.0.0.1", a.cluster().port());
        try (s) {
            s.setSoTimeout(5000);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).startsWith("INFO ");
            JsonNode info = new ObjectMapper().readTree(line.substring(5));
            assertThat(info.get("tls_required").asBoolean()).isTrue();
            assertThat(info.get("tls_verify").asBoolean()).isTrue();
        }
    }

    @Test
    void aPlainPeerGetsNoInfoAndIsClosed() throws Exception {
        NatsServer a = node(mutual);
        try (RawClient plain = RawClient.connect(a.cluster().port())) {
            plain.send("CONNECT {\"name\":\"x\"}\r\nINFO {\"server_id\":\"x\"}\r\n");
            String got = plain.drain(3000);
            assertThat(got).doesNotContain("INFO");
        }
        assertThat(a.cluster().routes()).isEmpty();
    }

    @Test
    void aPeerWhoseCertificateTheCaDidNotSignIsRefused() throws Exception {
        NatsServer a = node(mutual);
        TestCertificates stranger = TestCertificates.create("stranger CA");
        // It trusts a's CA, but a does not trust its certificate.
        TlsSettings strangerTls = TlsSettings.of(stranger.server().certFile().toString(),
                stranger.server().keyFile().toString()).withCaFile(certs.caFile().toString()).withVerify(true);
        NatsServer b = node(strangerTls, TestClusters.routeUrl(a));
        Thread.sleep(1500);
        assertThat(a.cluster().routes()).isEmpty();
        assertThat(b.cluster().routes()).isEmpty();
    }

    @Test
    void mixedClusterOverTlsBothWays() throws Exception {
        ReferenceServer.assumeAvailable();
        NatsServer j = node(mutual);
        int goRoutes = FreePorts.find();
        ReferenceServer go = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + goRoutes + "\n" + goTlsBlock() + "  routes: [\""
                + TestClusters.routeUrl(j) + "\"]\n}\n"));
        Await.until(Duration.ofSeconds(10), "nats-server routed to jnatsd over TLS",
                () -> j.cluster().routes().size() == 1);
        // A second jnatsd node solicits nats-server over TLS (and meshes with j through gossip).
        NatsServer j2 = node(mutual, "nats-route://127.0.0.1:" + goRoutes);
        Await.until(Duration.ofSeconds(10), "j2 routed to nats-server and j", () -> j2.cluster().peerCount() == 2);
        Connection onGo = keep(Nats.connect("nats://127.0.0.1:" + go.port()));
        Connection onJ = keep(JnatsClients.connect(j));
        Connection onJ2 = keep(JnatsClients.connect(j2));
        Subscription goSub = onGo.subscribe("tls.mixed.go");
        JnatsClients.flush(onGo);
        awaitDelivery(onJ, goSub, "tls.mixed.go");
        Subscription jSub = onJ.subscribe("tls.mixed.j");
        JnatsClients.flush(onJ);
        awaitDelivery(onGo, jSub, "tls.mixed.j");
        awaitDelivery(onJ2, jSub, "tls.mixed.j");
        assertThat(go.logText()).doesNotContain("TLS route handshake error");
    }
}
