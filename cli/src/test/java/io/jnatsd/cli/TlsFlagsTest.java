package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.TestCertificates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --tls, --tlscert, --tlskey, --tlsverify, --tlscacert: nats-server's semantics and error texts. */
class TlsFlagsTest {
    private static TestCertificates certs;
    private static String cert;
    private static String key;

    @BeforeAll
    static void files() {
        certs = TestCertificates.create();
        cert = certs.server().certFile().toString();
        key = certs.server().keyFile().toString();
    }

    private static OptionsAssembly.Outcome assemble(String... args) throws FlagException {
        return OptionsAssembly.assemble(FlagParser.parse(args), Map.<String, String>of()::get);
    }

    private static List<String> errors(String... args) throws FlagException {
        return assemble(args).errors();
    }

    @Test
    void certificateAndKeyAreRequired() throws Exception {
        assertThat(errors("--tls")).containsExactly("TLS Server certificate must be present and valid");
        assertThat(errors("--tlsverify", "--tlscert", cert)).containsExactly(
                "TLS Server private key must be present and valid");
        assertThat(errors("--tls", "--tlscert", "/nonexistent.pem", "--tlskey", key)).containsExactly(
                "error parsing X509 certificate/key pair: open /nonexistent.pem: no such file or directory");
    }

    @Test
    void flagsTurnTlsOn() throws Exception {
        ServerOptions o = assemble("--tlscert", cert, "--tlskey", key).options();
        assertThat(o.tls()).isNotNull();
        assertThat(o.tls().verify()).isFalse();
        ServerOptions v = assemble("--tlsverify", "--tlscert", cert, "--tlskey", key, "--tlscacert",
                certs.caFile().toString()).options();
        assertThat(v.tls().verify()).isTrue();
        assertThat(v.tls().caFile()).isEqualTo(certs.caFile().toString());
        assertThat(OptionsMapper.unsupportedInUse(FlagParser.parse("--tls", "--tlscert", cert, "--tlskey", key)))
                .isEmpty();
    }

    @Test
    void noTlsFlagsNoTls() throws Exception {
        assertThat(assemble("-p", "1").options().tls()).isNull();
    }
}
