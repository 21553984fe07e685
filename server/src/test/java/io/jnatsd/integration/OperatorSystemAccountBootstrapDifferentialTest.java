package io.jnatsd.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full resolver whose directory has no valid JWT for the system account at start: nats-server 2.9.10 starts with
 * a bootstrapping system account, and so does jnatsd: the system account's users log in (to an account without
 * limits), and so do the other accounts' users.
 */
@Timeout(60)
class OperatorSystemAccountBootstrapDifferentialTest {
    private ReferenceServer reference;
    private NatsServer jnatsd;

    @AfterEach
    void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @Test
    void aSystemAccountJwtOverItsImportLimitAlike(@TempDir Path tmp) throws Exception {
        OperatorFixture fx = new OperatorFixture(tmp);
        OperatorFixture.Acct exp = fx.account("EXP", n -> n.putArray("exports").addObject().put("subject", "a")
                .put("type", "stream"));
        fx.reissue(fx.system, n -> {
            ((ObjectNode) n.get("limits")).put("imports", 0);
            n.putArray("imports").addObject().put("subject", "a").put("account", exp.publicKey())
                    .put("type", "stream");
        });
        compare(fx, fx.user(fx.system, n -> { }), fx.user(exp, n -> { }), d -> { });
    }

    @Test
    void aSystemAccountJwtMissingFromTheDirectoryAlike(@TempDir Path tmp) throws Exception {
        OperatorFixture fx = new OperatorFixture(tmp);
        OperatorFixture.Acct other = fx.account("OTHER", n -> { });
        compare(fx, fx.user(fx.system, n -> { }), fx.user(other, n -> { }),
                d -> d.resolve(fx.system.publicKey() + ".jwt").toFile().delete());
    }

    private void compare(OperatorFixture fx, OperatorFixture.User sys, OperatorFixture.User other,
            java.util.function.Consumer<Path> edit) throws Exception {
        ReferenceServer.assumeAvailable();
        String refConf = fx.fullConfig("ref-jwt", "");
        edit.accept(fx.dir.resolve("ref-jwt"));
        String ourConf = fx.fullConfig("jnatsd-jwt", "");
        edit.accept(fx.dir.resolve("jnatsd-jwt"));
        reference = ReferenceServer.startWithConfig(refConf);
        assertThat(reference.logText()).contains("Using bootstrapping system account");
        jnatsd = NatsServer.start(PermissionsTest.load(ourConf,
                ServerOptions.builder().host("127.0.0.1").port(0)).build());
        for (OperatorFixture.User u : List.of(sys, other)) {
            List<String> ref = login(reference.port(), u);
            assertThat(login(jnatsd.port(), u)).as("nats-server said %s", ref).isEqualTo(ref).containsExactly("PONG");
        }
        // a valid system account JWT pushed by a user of the bootstrapping account is taken
        String valid = fx.reissue(fx.system, n -> { });
        String ref = push(reference.port(), sys, valid);
        assertThat(push(jnatsd.port(), sys, valid)).as("nats-server said %s", ref).isEqualTo(ref)
                .contains("\"jwt updated\"");
        assertThat(login(jnatsd.port(), sys)).containsExactly("PONG");
    }

    private static String push(int port, OperatorFixture.User sys, String jwt) throws Exception {
        try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                .authHandler(Nats.credentials(sys.creds().toString())).build())) {
            Message m = nc.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(3));
            String s = m == null ? "<no answer>" : new String(m.getData(), StandardCharsets.UTF_8);
            int server = s.indexOf(",\"server\":");
            return server < 0 ? s : s.substring(0, server);
        }
    }

    private static List<String> login(int port, OperatorFixture.User u) throws IOException {
        try (RawClient c = OperatorClients.login(port, u.jwt(), u.key())) {
            c.timeout(4000); // nats-server waits for its resolver before refusing
            return c.linesUntilPongOrClose();
        }
    }
}
