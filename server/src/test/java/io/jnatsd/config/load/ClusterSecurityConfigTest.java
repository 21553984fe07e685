package io.jnatsd.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnatsd.config.RouteSecurity;
import io.jnatsd.testing.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster { authorization, tls, permissions }} as typed {@link RouteSecurity}; errors in nats-server 2.9.10's
 * words and positions (checked with {@code nats-server -t}).
 */
class ClusterSecurityConfigTest {
    private static RouteSecurity security(String text) {
        return Loading.options(text).cluster().security();
    }

    private static List<String> problems(String text) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void authorizationUserPasswordAndTimeout() {
        RouteSecurity s = security("cluster {\n  listen: 127.0.0.1:-1\n"
                + "  authorization { user: ruser, password: \"T0pS3cr3t\", timeout: 0.5 }\n}\n");
        assertThat(s.authRequired()).isTrue();
        assertThat(s.user()).isEqualTo("ruser");
        assertThat(s.password()).isEqualTo("T0pS3cr3t");
        assertThat(s.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.tls()).isNull();
        assertThat(s.hasPermissions()).isFalse();
    }

    @Test
    void withoutAuthorizationNothingIsRequired() {
        RouteSecurity s = security("cluster { listen: 127.0.0.1:-1 }\n");
        assertThat(s).isEqualTo(RouteSecurity.NONE);
        assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void tokensAndUserListsAreRefusedAsNatsServerDoes() {
        assertThat(problems("cluster { name: c1, listen: 127.0.0.1:16303, authorization { token: abc } }\n"))
                .containsExactly("t.conf:1:46: Cluster authorization does not support tokens");
        assertThat(problems("cluster {\n  authorization {\n    users: [ {user: a, password: b} ]\n  }\n}\n"))
                .containsExactly("t.conf:2:3: Cluster authorization does not allow multiple users");
    }

    @Test
    void permissionsImportAndExport() {
        RouteSecurity s = security("cluster {\n  listen: 127.0.0.1:-1\n  permissions {\n"
                + "    import: [\"foo.>\"]\n    export: { allow: [\"bar.*\"], deny: [\"bar.x\"] }\n  }\n}\n");
        assertThat(s.imports().allowList()).containsExactly("foo.>");
        assertThat(s.exports().allowList()).containsExactly("bar.*");
        assertThat(s.exports().denyList()).containsExactly("bar.x");
        assertThat(s.imports().permits("foo.a.b", null)).isTrue();
        assertThat(s.imports().permits("bar", null)).isFalse();
    }

    @Test
    void permissionsInsideAuthorizationAreTheOlderFormAndTheBlockOneWins() {
        RouteSecurity old = security("cluster {\n  authorization {\n    user: u\n    password: p\n"
                + "    permissions { import: \"a.>\", export: \"b.>\" }\n  }\n}\n");
        assertThat(old.imports().allowList()).containsExactly("a.>");
        assertThat(old.exports().allowList()).containsExactly("b.>");
        RouteSecurity both = security("cluster {\n  permissions { import: \"x\" }\n  authorization {\n"
                + "    user: u\n    password: p\n    permissions { import: \"a.>\" }\n  }\n}\n");
        assertThat(both.imports().allowList()).containsExactly("x");
    }

    @Test
    void dynamicResponsesAreRefused() {
        assertThat(problems("cluster {\n  permissions { import: \"x\", allow_responses: true }\n}\n"))
                .containsExactly("t.conf:2:3: Cluster permissions do not support dynamic responses");
    }

    @Test
    void tlsBlockIsReadLikeTheTopLevelOne() {
        TestCertificates certs = TestCertificates.create();
        RouteSecurity s = security("cluster {\n  listen: 127.0.0.1:-1\n  tls {\n    cert_file: \""
                + certs.server().certFile() + "\"\n    key_file: \"" + certs.server().keyFile() + "\"\n    ca_file: \""
                + certs.caFile() + "\"\n    verify: true\n    timeout: 3\n  }\n}\n");
        assertThat(s.tls().certFile()).isEqualTo(certs.server().certFile().toString());
        assertThat(s.tls().verify()).isTrue();
        assertThat(s.tls().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(problems("cluster {\n  tls {\n    foo: 1\n  }\n}\n"))
                .containsExactly("t.conf:3:5: error parsing tls config, unknown field [\"foo\"]");
    }
}
