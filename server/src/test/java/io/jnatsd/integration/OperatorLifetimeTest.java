package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How long operator-mode logins last: a user's connect time windows ({@code times}, {@code times_location}), an
 * account JWT's {@code exp} while its clients are connected, and account JWT updates applied to the live account.
 */
class OperatorLifetimeTest extends JnatsIntegrationTest {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @TempDir
    Path tmp;

    private OperatorFixture fx;

    private OperatorFixture fixture() {
        if (fx == null) {
            fx = new OperatorFixture(tmp);
        }
        return fx;
    }

    private NatsServer start(String config) {
        Path conf = fixture().write("server-" + System.nanoTime() + ".conf", config);
        return startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });
    }

    private static String utc(long secondsFromNow) {
        return LocalTime.now(ZoneOffset.UTC).plusSeconds(secondsFromNow).format(HMS);
    }

    /** The windows below must not cross midnight UTC while the test runs. */
    private static void assumeNotNearMidnight() {
        LocalTime t = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(t.isAfter(LocalTime.of(0, 10)) && t.isBefore(LocalTime.of(23, 50)));
    }

    @Test
    void aUserOutsideItsConnectTimesIsRefusedAndOneInsideIsClosedAtTheWindowsEnd() throws Exception {
        assumeNotNearMidnight();
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User later = fx.user(a, n -> {
            n.putArray("times").addObject().put("start", utc(600)).put("end", utc(900));
            n.put("times_location", "UTC");
        });
        OperatorFixture.User now = fx.user(a, n -> {
            var times = n.putArray("times");
            times.addObject().put("start", utc(600)).put("end", utc(900));
            times.addObject().put("start", utc(-60)).put("end", utc(3));
            n.put("times_location", "Etc/UTC");
        });
        OperatorFixture.User badZone = fx.user(a, n -> {
            n.putArray("times").addObject().put("start", utc(-60)).put("end", utc(600));
            n.put("times_location", "Nowhere/Special");
        });
        NatsServer s = start(fx.memoryConfig());
        try (RawClient c = OperatorClients.login(s.port(), later.jwt(), later.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
        }
        try (RawClient c = OperatorClients.login(s.port(), badZone.jwt(), badZone.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
        }
        try (RawClient c = OperatorClients.login(s.port(), now.jwt(), now.key())) {
            c.timeout(6000);
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            long t0 = System.nanoTime();
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'User Authentication Expired'");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1000));
            assertThat(c.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void anAccountJwtExpiringWhileConnectedDisconnectsItsClientsAndRefusesNewOnes() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        a.jwt = OperatorFixture.accountJwtExpiring(a, Instant.now().getEpochSecond() + 6, fx.operator);
        NatsServer s = start(fx.memoryConfig());
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            c.timeout(9000);
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Account Authentication Expired'");
            assertThat(c.closedWithin(2000)).isTrue();
        }
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
        }
    }

    @Test
    void anUpdateExtendingTheAccountsExpiryKeepsItsClients() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        a.jwt = OperatorFixture.accountJwtExpiring(a, Instant.now().getEpochSecond() + 4, fx.operator);
        NatsServer s = start(fx.fullConfig("jwt", ""));
        Connection admin = connect(o -> o.authHandler(Nats.credentials(sys.creds().toString())));
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            c.timeout(8000);
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            String longer = OperatorFixture.accountJwtExpiring(a, Instant.now().getEpochSecond() + 3600,
                    fx.operator);
            Message reply = admin.request("$SYS.REQ.CLAIMS.UPDATE", longer.getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"code\":200");
            Thread.sleep(4500); // past the first exp
            c.send("PING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void anUpdateChangingImportsAndExportsAppliesToTheLiveAccounts() throws Exception {
        OperatorFixture.Acct exp = fixture().account("EXP", n -> n.putArray("exports").addObject().put("name", "s")
                .put("subject", "feed.>").put("type", "stream"));
        String expKey = exp.publicKey();
        OperatorFixture.Acct imp = fx.account("IMP", n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        start(fx.fullConfig("jwt", ""));
        Connection admin = connect(o -> o.authHandler(Nats.credentials(sys.creds().toString())));
        Connection provider = connect(o -> o.authHandler(Nats.credentials(fx.user(exp, n -> { }).creds()
                .toString())));
        Connection consumer = connect(o -> o.authHandler(Nats.credentials(fx.user(imp, n -> { }).creds()
                .toString())));
        Subscription feed = consumer.subscribe("feed.>");
        consumer.flush(WAIT);
        provider.publish("feed.a", new byte[] {1});
        assertThat(feed.nextMessage(Duration.ofMillis(300))).as("no import yet").isNull();

        push(admin, fx.reissue(imp, n -> n.putArray("imports").addObject().put("name", "s").put("subject", "feed.>")
                .put("account", expKey).put("type", "stream")));
        provider.publish("feed.b", new byte[] {2});
        assertThat(feed.nextMessage(WAIT).getSubject()).as("the import added live").isEqualTo("feed.b");

        push(admin, fx.reissue(exp, n -> n.putArray("exports").addObject().put("name", "s")
                .put("subject", "other.>").put("type", "stream")));
        provider.publish("feed.c", new byte[] {3});
        assertThat(feed.nextMessage(Duration.ofMillis(300))).as("the export withdrawn live").isNull();
    }

    private static void push(Connection admin, String jwt) throws Exception {
        Message reply = admin.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"code\":200");
    }
}
