package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

/** jnatsd against nats-server 2.9.10 with the same tls block: the INFO fields, and what a plaintext client gets. */
@Timeout(60)
class TlsDifferentialTest {
    private static TestCertificates certs;

    @BeforeAll
    static void setUp() {
        ReferenceServer.assumeAvailable();
        certs = TestCertificates.create();
    }

    /** INFO's field names in order, the TLS ones with their values. */
    private static List<String> infoShape(int port) throws Exception {
        try (RawClient raw = RawClient.connect(port)) {
            var json = new ObjectMapper().readTree(raw.readInfo());
            List<String> shape = new ArrayList<>();
            json.fieldNames().forEachRemaining(n -> shape.add(n.startsWith("tls") ? n + "=" + json.get(n) : n));
            return shape;
        }
    }

    private void sameInfo(String conf) throws Exception {
        try (ReferenceServer ref = ReferenceServer.startWithConfig(conf);
             NatsServer ours = TlsServers.start(conf)) {
            assertThat(infoShape(ours.port())).isEqualTo(infoShape(ref.port()));
        }
    }

    @Test
    void infoOfTlsRequired() throws Exception {
        sameInfo(certs.tlsBlock());
    }

    @Test
    void infoOfAnEmptyTlsBlock() throws Exception {
        sameInfo("tls {}\n");
    }

    @Test
    void infoOfTlsVerify() throws Exception {
        sameInfo(certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\""));
    }

    @Test
    void infoOfAllowNonTls() throws Exception {
        sameInfo(certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\"") + "allow_non_tls: true\n");
    }

    /** What a client that ignores tls_required and talks plain NATS sees after INFO: all bytes until the close. */
    private static String plaintextAnswer(int port) throws Exception {
        try (RawClient raw = RawClient.connect(port)) {
            raw.readInfo();
            raw.send("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nPING\r\n");
            String got = raw.drain(3000);
            return got + (raw.closedWithin(200) ? "<closed>" : "<still open>");
        }
    }

    @Test
    void plaintextClientOnATlsPort() throws Exception {
        String conf = certs.tlsBlock();
        try (ReferenceServer ref = ReferenceServer.startWithConfig(conf);
             NatsServer ours = TlsServers.start(conf)) {
            String theirs = plaintextAnswer(ref.port());
            assertThat(plaintextAnswer(ours.port())).isEqualTo(theirs);
        }
    }
}
