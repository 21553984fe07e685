package io.jnatsd.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.TestCertificates;
import io.jnatsd.tls.TlsSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tls block: values as typed settings, and errors in nats-server 2.9.10's words and positions (compared with
 * {@code nats-server -t}; its column 0 on line 1 is column 1 here, as in ConfigFileLoaderErrorTest).
 */
class TlsSectionTest {
    private static TestCertificates certs;
    private static String cert;
    private static String key;

    @BeforeAll
    static void files() {
        certs = TestCertificates.create();
        cert = certs.server().certFile().toString();
        key = certs.server().keyFile().toString();
    }

    private static String block(String... lines) {
        return "tls {\n  cert_file: \"" + cert + "\"\n  key_file: \"" + key + "\"\n" + String.join("\n", lines)
                + "\n}\n";
    }

    private static List<String> problems(String text) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void everyKeyBecomesATypedSetting() {
        String pin = "AB".repeat(32);
        ServerOptions o = Loading.options(block(
                "  ca_file: \"" + certs.caFile() + "\"",
                "  verify_and_map: true",
                "  timeout: 0.5",
                "  cipher_suites: [\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\", \"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305\"]",
                "  curve_preferences: [\"CurveP256\", \"X25519\"]",
                "  pinned_certs: [\"" + pin + "\"]",
                "  handshake_first: true")
                + "allow_non_tls: true\n");
        TlsSettings t = o.tls();
        assertThat(t.certFile()).isEqualTo(cert);
        assertThat(t.caFile()).isEqualTo(certs.caFile().toString());
        assertThat(t.verify()).isTrue(); // implied by verify_and_map
        assertThat(t.verifyAndMap()).isTrue();
        assertThat(t.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(t.curves()).containsExactly("secp256r1", "x25519");
        assertThat(t.pinnedCerts()).containsExactly(pin.toLowerCase());
        assertThat(t.handshakeFirst()).isTrue();
        assertThat(o.allowNonTls()).isTrue();
        assertThat(o.configBlocks()).doesNotContainKey("tls");
    }

    @Test
    void timeoutTakesSecondsOrADuration() {
        assertThat(Loading.options(block("  timeout: 3")).tls().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(Loading.options(block("  timeout: \"250ms\"")).tls().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(Loading.options(block()).tls().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badKeysAndValuesAreReportedWhereNatsServerReportsThem() {
        assertThat(problems(block("  foo: 1"))).containsExactly("t.conf:4:3: error parsing tls config, unknown field [\"foo\"]");
        assertThat(problems(block("  cipher_suites: [\"TLS_BOGUS\"]")))
                .containsExactly("t.conf:4:20: unrecognized cipher TLS_BOGUS");
        assertThat(problems(block("  curve_preferences: [\"BOGUS\"]")))
                .containsExactly("t.conf:4:24: unrecognized curve preference BOGUS");
        assertThat(problems(block("  timeout: \"abc\"")))
                .containsExactly("t.conf:4:3: error parsing tls config, 'timeout' time: invalid duration \"abc\"");
        assertThat(problems(block("  verify: \"yes\"")))
                .containsExactly("t.conf:4:3: error parsing tls config, expected 'verify' to be a boolean");
        assertThat(problems(block("  pinned_certs: [\"zz\"]"))).containsExactly("t.conf:4:19: error parsing tls "
                + "config, 'pinned_certs' key zz does not look like hex-encoded sha256 of DER encoded "
                + "SubjectPublicKeyInfo");
        assertThat(problems("tls: 5"))
                .containsExactly("t.conf:1:1: interface conversion: interface {} is int64, not map[string]interface {}");
    }

    @Test
    void missingOrUnusableFilesAreReportedAtTheBlock() {
        assertThat(problems("tls {\n  key_file: \"" + key + "\"\n}"))
                .containsExactly("t.conf:1:1: missing 'cert_file' in TLS configuration");
        assertThat(problems("tls {\n  cert_file: \"" + cert + "\"\n}"))
                .containsExactly("t.conf:1:1: missing 'key_file' in TLS configuration");
        assertThat(problems("tls {\n  cert_file: \"/nonexistent/c.pem\"\n  key_file: \"" + key + "\"\n}"))
                .containsExactly("t.conf:1:1: error parsing X509 certificate/key pair: open /nonexistent/c.pem: no "
                        + "such file or directory");
        assertThat(problems(block("  ca_file: \"/nonexistent/ca.pem\"")))
                .containsExactly("t.conf:1:1: open /nonexistent/ca.pem: no such file or directory");
        String otherKey = certs.client("CN=x", null).keyFile().toString();
        assertThat(problems("tls {\n  cert_file: \"" + cert + "\"\n  key_file: \"" + otherKey + "\"\n}"))
                .containsExactly("t.conf:1:1: error parsing X509 certificate/key pair: tls: private key type does not "
                        + "match public key type");
    }

    @Test
    void authTimeoutDefaultsToTheTlsTimeoutPlusOneSecond() {
        assertThat(Loading.options(block("  timeout: 3")).authTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(Loading.options(block()).authTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(Loading.options(block() + "authorization { timeout: 1 }\n").authTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(Loading.options("port: 1").authTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anEmptyBlockIsAcceptedAsNatsServerAcceptsIt() {
        TlsSettings t = Loading.options("tls {}").tls();
        assertThat(t).isNotNull();
        assertThat(t.certFile()).isNull();
    }

    @Test
    void handshakeFirstTakesABooleanAutoOrAFallbackDelay() {
        assertThat(Loading.options(block("  handshake_first: true")).tls().handshakeFirstFallback()).isNull();
        assertThat(Loading.options(block("  handshake_first: auto")).tls().handshakeFirstFallback())
                .isEqualTo(Duration.ofMillis(50));
        TlsSettings t = Loading.options(block("  handshake_first: \"300ms\"")).tls();
        assertThat(t.handshakeFirst()).isTrue();
        assertThat(t.handshakeFirstFallback()).isEqualTo(Duration.ofMillis(300));
        assertThat(Loading.options(block("  handshake_first: false")).tls().handshakeFirst()).isFalse();
        assertThat(problems(block("  handshake_first: \"soon\""))).containsExactly(
                "t.conf:4:3: error parsing tls config, 'handshake_first' time: invalid duration \"soon\"");
    }
}
