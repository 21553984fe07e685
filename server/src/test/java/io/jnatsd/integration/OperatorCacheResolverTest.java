package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code resolver { type: cache, ttl, limit }}: JWT files dropped after their ttl and beyond the limit. */
class OperatorCacheResolverTest extends JnatsIntegrationTest {
    @TempDir
    Path tmp;

    private OperatorFixture fx;
    private Path dir;

    private NatsServer start(String extra) {
        dir = tmp.resolve("cache");
        String config = fx.fullConfig("cache", extra).replace("type: full", "type: cache");
        Path conf = fx.write("server.conf", config);
        return startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });
    }

    private Connection admin() throws Exception {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        return connect(o -> o.authHandler(Nats.credentials(sys.creds().toString())));
    }

    private static void push(Connection admin, String jwt) throws Exception {
        Message reply = admin.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"code\":200");
    }

    private boolean cached(OperatorFixture.Acct a) {
        return Files.exists(dir.resolve(a.publicKey() + ".jwt"));
    }

    private String login(NatsServer s, OperatorFixture.Acct a) throws Exception {
        OperatorFixture.User u = fx.user(a, n -> { });
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            return c.readLineSkippingPings();
        }
    }

    @Test
    void beyondTheLimitTheLeastRecentlyUsedJwtIsDropped() throws Exception {
        fx = new OperatorFixture(tmp);
        OperatorFixture.Acct a = fx.account("A", n -> { });
        OperatorFixture.Acct b = fx.account("B", n -> { });
        OperatorFixture.Acct c = new OperatorFixture.Acct("C", io.jnatsd.testing.JwtFixtures.accountKey());
        NatsServer s = start("  limit: 3\n  ttl: \"1h\"\n");
        assertThat(login(s, b)).isEqualTo("PONG"); // B read after A: A is now the least recently used
        push(admin(), OperatorFixture.accountJwt(c, n -> { }, fx.operator));
        assertThat(cached(c)).isTrue();
        assertThat(cached(fx.system)).isTrue();
        assertThat(cached(b)).isTrue();
        assertThat(cached(a)).as("evicted").isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".jwt")).count()).isEqualTo(3);
        }
        assertThat(login(s, a)).as("an account neither loaded nor cached").isEqualTo("-ERR 'Authorization Violation'");
        assertThat(login(s, c)).isEqualTo("PONG");
    }

    @Test
    void aJwtIsDroppedAfterItsTtlWhileLoadedAccountsKeepRunning() throws Exception {
        fx = new OperatorFixture(tmp);
        OperatorFixture.Acct loaded = fx.account("L", n -> { });
        OperatorFixture.Acct idle = fx.account("I", n -> { });
        NatsServer s = start("  ttl: \"1s\"\n");
        assertThat(login(s, loaded)).isEqualTo("PONG");
        Await.until(Duration.ofSeconds(5), "the ttl to pass", () -> !cached(idle) && !cached(loaded));
        assertThat(login(s, idle)).isEqualTo("-ERR 'Authorization Violation'");
        assertThat(login(s, loaded)).as("loaded before its file went").isEqualTo("PONG");
    }
}
