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
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account JWT limits nats-io/jwt validates (imports, exports, wildcards), the data limits, and deleted accounts,
 * on nats-server 2.9.10 and jnatsd with the same JWT files: the same push answers, login lines and -ERRs.
 */
@Timeout(90)
class OperatorClaimLimitsDifferentialTest {
    @TempDir
    static Path tmp;
    private static OperatorFixture fx;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;
    private static OperatorFixture.Acct exporter;
    private static OperatorFixture.Acct tooManyImports;
    private static OperatorFixture.Acct tooManyExports;
    private static OperatorFixture.Acct wildUnlimited;
    private static OperatorFixture.Acct wildCounted;
    private static OperatorFixture.Acct importWithoutLimits;
    private static OperatorFixture.Acct atTheLimits;
    private static OperatorFixture.Acct smallData;
    private static OperatorFixture.Acct doomed;
    private static OperatorFixture.Acct notLoaded;
    private static OperatorFixture.User sys;

    @BeforeAll
    static void start() {
        ReferenceServer.assumeAvailable();
        fx = new OperatorFixture(tmp);
        exporter = fx.account("EXPORTER", n -> exports(n, "feed.a", "feed.b"));
        String exp = exporter.publicKey();
        tooManyImports = fx.account("TOOMANYIMPORTS", n -> {
            limit(n, "imports", 1);
            imports(n, exp, "feed.a", "feed.b");
        });
        tooManyExports = fx.account("TOOMANYEXPORTS", n -> {
            limit(n, "exports", 1);
            exports(n, "x.a", "x.b");
        });
        wildUnlimited = fx.account("WILDUNLIMITED", n -> {
            ((ObjectNode) n.get("limits")).put("wildcards", false);
            exports(n, "w.>");
        });
        wildCounted = fx.account("WILDCOUNTED", n -> {
            ((ObjectNode) n.get("limits")).put("wildcards", false).put("exports", 5);
            exports(n, "w.*");
        });
        importWithoutLimits = fx.account("IMPORTNOLIMITS", n -> {
            n.remove("limits");
            imports(n, exp, "feed.a");
        });
        atTheLimits = fx.account("ATLIMITS", n -> {
            ((ObjectNode) n.get("limits")).put("imports", 1).put("exports", 1).put("wildcards", false);
            imports(n, exp, "feed.a");
            exports(n, "y.a");
        });
        smallData = fx.account("SMALLDATA", n -> limit(n, "data", 100));
        doomed = fx.account("DOOMED", n -> { });
        notLoaded = fx.account("NOTLOADED", n -> { });
        sys = fx.user(fx.system, n -> { });
        reference = ReferenceServer.startWithConfig(fx.fullConfig("ref-jwt", "  allow_delete: true\n"));
        jnatsd = NatsServer.start(PermissionsTest.load(fx.fullConfig("jnatsd-jwt", "  allow_delete: true\n"),
                ServerOptions.builder().host("127.0.0.1").port(0)).build());
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

    private static void limit(ObjectNode nats, String key, long value) {
        ((ObjectNode) nats.get("limits")).put(key, value);
    }

    private static void exports(ObjectNode nats, String... subjects) {
        var list = nats.putArray("exports");
        for (String s : subjects) {
            list.addObject().put("name", s).put("subject", s).put("type", "stream");
        }
    }

    private static void imports(ObjectNode nats, String account, String... subjects) {
        var list = nats.putArray("imports");
        for (String s : subjects) {
            list.addObject().put("name", s).put("subject", s).put("account", account).put("type", "stream");
        }
    }

    private static void same(String what, IntFunction<List<String>> run) {
        List<String> ref = run.apply(reference.port());
        List<String> ours = run.apply(jnatsd.port());
        assertThat(ours).as("%s (nats-server said %s)", what, ref).isEqualTo(ref);
    }

    /** The lines after a raw login and {@code after}, until the server closes, is quiet or {@code lines} came. */
    private static IntFunction<List<String>> session(OperatorFixture.User u, String after, int lines) {
        return port -> {
            List<String> out = new ArrayList<>();
            try (RawClient c = OperatorClients.login(port, u.jwt(), u.key())) {
                c.timeout(3000); // nats-server waits for its resolver before refusing an account it lacks
                if (!after.isEmpty()) {
                    c.send(after);
                }
                for (int i = 0; i < lines; i++) {
                    String l = c.readLineSkippingPings();
                    if (l == null) {
                        out.add("<closed>");
                        break;
                    }
                    out.add(l);
                }
            } catch (SocketTimeoutException e) {
                out.add("<timeout>");
            } catch (IOException e) {
                out.add("<closed>");
            }
            return out;
        };
    }

    private static IntFunction<List<String>> withSystem(Consumer<Connection> body, List<String> out) {
        return port -> {
            out.clear();
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                body.accept(nc);
            } catch (Exception e) {
                out.add("<error: " + e + ">");
            }
            return List.copyOf(out);
        };
    }

    /** The answer without its trailing server object (ids differ). */
    private static String shape(Message m) {
        if (m == null) {
            return "<no answer>";
        }
        String s = new String(m.getData(), StandardCharsets.UTF_8);
        int server = s.indexOf(",\"server\":");
        return server < 0 ? s : s.substring(0, server);
    }

    private static String push(Connection nc, String jwt) {
        try {
            return shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(3)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<interrupted>";
        }
    }

    @Test
    void loginsIntoAccountsOverTheirImportAndExportLimitsAlike() {
        for (OperatorFixture.Acct a : List.of(tooManyImports, tooManyExports, wildUnlimited, wildCounted,
                importWithoutLimits, atTheLimits)) {
            OperatorFixture.User u = fx.user(a, n -> { });
            same(a.name + " login", session(u, "", 2));
        }
    }

    @Test
    void pushesOverTheImportAndExportLimitsAnswerAlike() {
        String exp = exporter.publicKey();
        List<String> jwts = List.of(
                fx.reissue(tooManyImports, n -> {
                    limit(n, "imports", 1);
                    imports(n, exp, "feed.a", "feed.b");
                }),
                fx.reissue(tooManyExports, n -> {
                    limit(n, "exports", 0);
                    exports(n, "x.a");
                }),
                fx.reissue(wildCounted, n -> {
                    ((ObjectNode) n.get("limits")).put("wildcards", false).put("exports", 1);
                    exports(n, "w.>");
                }),
                fx.reissue(wildUnlimited, n -> {
                    ((ObjectNode) n.get("limits")).put("wildcards", false);
                    exports(n, "w.>", "v.*");
                }),
                fx.reissue(importWithoutLimits, n -> {
                    n.remove("limits");
                    imports(n, exp, "feed.a");
                }),
                fx.reissue(atTheLimits, n -> {
                    ((ObjectNode) n.get("limits")).put("imports", 1).put("exports", 2).put("wildcards", false);
                    imports(n, exp, "feed.a");
                    exports(n, "y.a", "z.*", "q.>");
                }));
        List<String> out = new ArrayList<>();
        same("pushes", withSystem(nc -> jwts.forEach(j -> out.add(push(nc, j))), out));
    }

    @Test
    void dataLimitsAlike() {
        String payload = "x".repeat(1000);
        StringBuilder pubs = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pubs.append("PUB d ").append(payload.length()).append("\r\n").append(payload).append("\r\n");
        }
        String after = "SUB d 1\r\n" + pubs + "PING\r\n";
        // PONG, 20 messages of two lines each, PONG: nats-server 2.9.10 enforces neither limit
        OperatorFixture.User inSmallAccount = fx.user(smallData, n -> { });
        same("account data 100", session(inSmallAccount, after, 42));
        OperatorFixture.User smallUser = fx.user(exporter, n -> n.put("data", 100));
        same("user data 100", session(smallUser, after, 42));
        List<String> lines = session(smallUser, after, 42).apply(jnatsd.port());
        assertThat(lines).filteredOn(l -> l.equals("MSG d 1 1000")).hasSize(20);
        assertThat(lines.get(41)).isEqualTo("PONG");
    }

    @Test
    void aDeletedAccountsClientsAlike() {
        OperatorFixture.User u = fx.user(doomed, n -> { });
        String request = OperatorFixture.deleteRequest(fx.operator, doomed.publicKey());
        same("deleted while connected", port -> {
            List<String> out = new ArrayList<>();
            try (RawClient c = OperatorClients.login(port, u.jwt(), u.key())) {
                c.timeout(3000);
                out.add(c.readLineSkippingPings());
                List<String> answer = new ArrayList<>();
                withSystem(nc -> {
                    try {
                        answer.add(shape(nc.request("$SYS.REQ.CLAIMS.DELETE",
                                request.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, answer).apply(port);
                out.addAll(answer);
                for (int i = 0; i < 3; i++) {
                    String l = c.readLineSkippingPings();
                    out.add(l == null ? "<closed>" : l);
                    if (l == null) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                out.add("<timeout>");
            } catch (IOException e) {
                out.add("<closed>");
            }
            out.addAll(session(u, "", 2).apply(port));
            return out;
        });
        String again = doomed.jwt;
        String newer = fx.reissue(doomed, n -> { });
        List<String> answers = new ArrayList<>();
        // the same JWT again leaves the account disabled (nats-server skips an update with the same claims)
        same("pushed again after the delete", port -> {
            List<String> out = new ArrayList<>(withSystem(nc -> answers.add(push(nc, again)), answers).apply(port));
            out.addAll(session(u, "", 1).apply(port));
            out.addAll(withSystem(nc -> answers.add(push(nc, newer)), answers).apply(port));
            out.addAll(session(u, "", 1).apply(port));
            return out;
        });
    }

    @Test
    void deletingAnAccountNotLoadedYetAlike() {
        OperatorFixture.User u = fx.user(notLoaded, n -> { });
        String request = OperatorFixture.deleteRequest(fx.operator, notLoaded.publicKey());
        List<String> answers = new ArrayList<>();
        same("deleted before any login", port -> {
            List<String> out = new ArrayList<>(withSystem(nc -> {
                try {
                    answers.add(shape(nc.request("$SYS.REQ.CLAIMS.DELETE", request.getBytes(StandardCharsets.UTF_8),
                            Duration.ofSeconds(3))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, answers).apply(port));
            out.addAll(session(u, "", 2).apply(port));
            return out;
        });
    }
}
