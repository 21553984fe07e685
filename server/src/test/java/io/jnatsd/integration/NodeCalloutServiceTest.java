package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.NodeJs;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auth callout service written with nats.js and nkeys.js under node (src/test/js/callout): another
 * implementation of the xkv1 sealing, the request signature check and the JWTs, against jnatsd's.
 */
@Timeout(400) // the first run installs the npm package
class NodeCalloutServiceTest {

    @Test
    void aNodeServiceWithAnXkeyAdmitsAndRefuses() throws Exception {
        NodeJs.assumeAvailable();
        Path dir = NodeJs.install(Path.of("src", "test", "js", "callout"),
                Path.of("target", "js-callout").toAbsolutePath());
        NKey issuer = JwtFixtures.accountKey();
        Process node = NodeJs.start(dir, "service.mjs", new String(issuer.getSeed()));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
            String xkey = line(out, "XKEY ").substring(5);
            String conf = """
                    accounts { AUTH { users: [ {user: auth, password: pwd} ] }, APP {} }
                    authorization { auth_callout { issuer: %s, auth_users: [ auth ], account: AUTH, xkey: %s } }
                    """.formatted(JwtFixtures.publicKey(issuer), xkey);
            try (NatsServer s = TestServers.start(b -> PermissionsTest.load(conf, b).host("127.0.0.1").port(0))) {
                in.write(s.clientUrl() + "\n");
                in.flush();
                line(out, "READY");
                try (Connection alice = io.jnatsd.testing.JnatsClients.connect(s,
                        o -> o.userInfo("alice", "secret"))) {
                    assertThat(line(out, "ANSWERED ")).isEqualTo("ANSWERED alice admitted " + s.serverId());
                    Subscription sub = alice.subscribe("app.x");
                    alice.publish("app.x", new byte[] {1});
                    assertThat(sub.nextMessage(WAIT)).isNotNull();
                }
                try (RawClient eve = RawClient.connect(s.port())) {
                    eve.readInfo();
                    eve.send("CONNECT {\"verbose\":false,\"user\":\"eve\",\"pass\":\"x\"}\r\nPING\r\n");
                    assertThat(eve.readLine()).isEqualTo("-ERR 'Authorization Violation'");
                }
                assertThat(line(out, "ANSWERED ")).startsWith("ANSWERED eve refused");
                in.write("quit\n");
                in.flush();
                assertThat(line(out, "BYE")).isEqualTo("BYE");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            node.destroyForcibly();
        }
    }

    /** The next line starting with {@code prefix} within 30 s; other lines (node warnings) are echoed. */
    private static String line(BufferedReader out, String prefix) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                    System.err.println("node: " + l);
                }
                return "EOF";
            } catch (java.io.IOException e) {
                return "EOF " + e;
            }
        }).get(30, TimeUnit.SECONDS);
    }
}
