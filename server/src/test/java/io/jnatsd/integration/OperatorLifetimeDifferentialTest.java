package io.jnatsd.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * nats-server 2.9.10 and jnatsd with the same JWTs (each with its own full resolver directory): activation tokens,
 * user connect times and account expiry while connected must behave alike.
 */
@Timeout(90)
class OperatorLifetimeDifferentialTest {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static Path tmp;
    private static OperatorFixture fx;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;
    private static OperatorFixture.Acct exporter;
    private static final List<OperatorFixture.Acct> importers = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        ReferenceServer.assumeAvailable();
        tmp = Files.createTempDirectory("op-life-diff");
        fx = new OperatorFixture(tmp);
        exporter = fx.account("EXP", n -> {
            n.putArray("exports").addObject().put("name", "s").put("subject", "feed.>").put("type", "stream")
                    .put("token_req", true);
        });
        long now = Instant.now().getEpochSecond();
        importer("valid", k -> token(exporter.key, k, "feed.>", c -> { }));
        importer("missing", k -> null);
        importer("wrongly signed", k -> token(JwtFixtures.accountKey(), k, "feed.>", c -> { }));
        importer("expired", k -> token(exporter.key, k, "feed.>", c -> c.put("exp", now - 5)));
        importer("narrower", k -> token(exporter.key, k, "feed.one", c -> { }));
        importer("for another account", k -> token(exporter.key, JwtFixtures.publicKey(JwtFixtures.accountKey()),
                "feed.>", c -> { }));
        importer("url", k -> "http://127.0.0.1:1/activation");
        importer("by a signing key of another account", k -> OperatorFixture.activation(JwtFixtures.accountKey(),
                exporter.publicKey(), k, "feed.>", "stream", c -> { }));
        reference = ReferenceServer.startWithConfig(fx.fullConfig("ref-jwt", ""));
        Path conf = fx.write("jnatsd.conf", fx.fullConfig("jnatsd-jwt", ""));
        jnatsd = NatsServer.start(PermissionsTest.load(Files.readString(conf),
                ServerOptions.builder().host("127.0.0.1").port(0)).build());
    }

    private static String token(NKey signer, String importer, String subject,
            java.util.function.Consumer<ObjectNode> claims) {
        return OperatorFixture.activation(signer, null, importer, subject, "stream", claims);
    }

    private static void importer(String name, java.util.function.Function<String, String> token) {
        NKey key = JwtFixtures.accountKey();
        String t = token.apply(JwtFixtures.publicKey(key));
        importers.add(fx.account(name, key, n -> {
            ObjectNode imp = n.putArray("imports").addObject().put("name", "s").put("subject", "feed.>")
                    .put("account", exporter.publicKey()).put("type", "stream");
            if (t != null) {
                imp.put("token", t);
            }
        }));
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    private static void same(String what, IntFunction<List<String>> run) {
        List<String> ref = run.apply(reference.port());
        List<String> ours = run.apply(jnatsd.port());
        assertThat(ours).as("%s (nats-server said %s)", what, ref).isEqualTo(ref);
    }

    private static Connection connect(int port, OperatorFixture.Acct a) throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                .authHandler(Nats.credentials(fx.user(a, n -> { }).creds().toString())).build());
    }

    @Test
    void activationTokensAlike() {
        same("imports delivered", port -> {
            List<String> out = new ArrayList<>();
            try (Connection provider = connect(port, exporter)) {
                for (OperatorFixture.Acct a : importers) {
                    try (Connection consumer = connect(port, a)) {
                        Subscription sub = consumer.subscribe("feed.>");
                        consumer.flush(Duration.ofSeconds(2));
                        provider.publish("feed.x", new byte[] {1});
                        provider.flush(Duration.ofSeconds(2));
                        out.add(a.name + "=" + (sub.nextMessage(Duration.ofMillis(500)) != null));
                    } catch (io.nats.client.AuthenticationException e) {
                        out.add(a.name + "=" + e.getMessage());
                    }
                }
            } catch (Exception e) {
                out.add("<error: " + e + ">");
            }
            return out;
        });
    }

    @Test
    void aPushedAccountWithABadImportTokenIsRefusedAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        NKey key = JwtFixtures.accountKey();
        OperatorFixture.Acct bad = new OperatorFixture.Acct("BAD", key);
        String jwt = OperatorFixture.accountJwt(bad, n -> n.putArray("imports").addObject().put("name", "s")
                .put("subject", "feed.>").put("account", exporter.publicKey()).put("type", "stream")
                .put("token", token(JwtFixtures.accountKey(), bad.publicKey(), "feed.>", c -> { })), fx.operator);
        IntFunction<List<String>> push = port -> {
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                var m = nc.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2));
                String s = m == null ? "<none>" : new String(m.getData(), StandardCharsets.UTF_8);
                int server = s.indexOf(",\"server\":");
                return List.of(server < 0 ? s : s.substring(0, server));
            } catch (Exception e) {
                return List.of("<error: " + e + ">");
            }
        };
        assertThat(push.apply(jnatsd.port()).get(0)).startsWith("{\"error\":{\"account\":\"" + bad.publicKey()
                + "\",\"code\":500,\"description\":\"jwt validation failed - ");
        same("push refused", push);
    }

    /** Lines after a raw login, until the server closes or {@code lines} came. */
    private static List<String> lines(int port, OperatorFixture.User u, int lines, int timeoutMillis) {
        List<String> out = new ArrayList<>();
        try (RawClient c = OperatorClients.login(port, u.jwt(), u.key())) {
            c.timeout(timeoutMillis);
            for (int i = 0; i < lines; i++) {
                String line = c.readLineSkippingPings();
                if (line == null) {
                    break;
                }
                out.add(line);
            }
        } catch (SocketTimeoutException e) {
            out.add("<timeout>");
        } catch (IOException e) {
            out.add("<closed>");
        }
        return out;
    }

    private static String utc(long secondsFromNow) {
        return LocalTime.now(ZoneOffset.UTC).plusSeconds(secondsFromNow).format(HMS);
    }

    @Test
    void connectTimesAlike() {
        LocalTime t = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(t.isAfter(LocalTime.of(0, 10)) && t.isBefore(LocalTime.of(23, 50)));
        OperatorFixture.Acct plain = fx.account("TIMES", n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        same("outside and inside connect times", port -> {
            List<String> out = new ArrayList<>();
            try (Connection admin = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                admin.request("$SYS.REQ.CLAIMS.UPDATE", plain.jwt.getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2));
            } catch (Exception e) {
                out.add("<error: " + e + ">");
            }
            OperatorFixture.User later = fx.user(plain, n -> {
                n.putArray("times").addObject().put("start", utc(600)).put("end", utc(900));
                n.put("times_location", "UTC");
            });
            OperatorFixture.User now = fx.user(plain, n -> {
                n.putArray("times").addObject().put("start", utc(-60)).put("end", utc(2));
                n.put("times_location", "UTC");
            });
            out.addAll(lines(port, later, 2, 3000));
            out.addAll(lines(port, now, 3, 6000));
            return out;
        });
    }

    @Test
    void anAccountExpiringWhileConnectedAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        same("account JWT expiring", port -> {
            OperatorFixture.Acct a = fx.account("X" + port, n -> { });
            OperatorFixture.User u = fx.user(a, n -> { });
            List<String> out = new ArrayList<>();
            try (Connection admin = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                String jwt = OperatorFixture.accountJwtExpiring(a, Instant.now().getEpochSecond() + 3, fx.operator);
                admin.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
            } catch (Exception e) {
                out.add("<error: " + e + ">");
            }
            out.addAll(lines(port, u, 3, 7000));
            out.addAll(lines(port, u, 2, 3000));
            return out;
        });
    }
}
