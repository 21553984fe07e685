package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.testing.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bin/jnatsd with --tlsverify: the startup line, the plain INFO, then a TLS handshake with a client certificate. */
@Timeout(120)
class TlsProcessTest {
    @Test
    void servesTlsFromTheFlags() throws Exception {
        TestCertificates certs = TestCertificates.create();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port),
                "--tlsverify", "--tlscert", certs.server().certFile().toString(), "--tlskey",
                certs.server().keyFile().toString(), "--tlscacert", certs.caFile().toString())) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), Duration.ofSeconds(60)))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(jnatsd.err()).anyMatch(l -> l.endsWith("[INF] TLS required for client connections"))
                    .noneMatch(l -> l.contains("ignored"));
            try (Socket plain = new Socket("127.0.0.1", port)) {
                plain.setSoTimeout(5000);
                BufferedReader r = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(r.readLine()).contains("\"tls_required\":true,\"tls_verify\":true");
                try (SSLSocket tls = (SSLSocket) certs.clientContext(certs.client("CN=cli", null)).getSocketFactory()
                        .createSocket(plain, "127.0.0.1", port, false)) {
                    tls.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPING\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    BufferedReader tr = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String line = tr.readLine();
                    while ("PING".equals(line)) { // the first keepalive PING (2 s) can win on a loaded machine
                        line = tr.readLine();
                    }
                    assertThat(line).isEqualTo("PONG");
                }
            }
        }
    }
}
