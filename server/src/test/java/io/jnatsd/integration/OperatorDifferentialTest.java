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
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same operator, accounts and users (JWT files made once) given to nats-server 2.9.10 and to jnatsd, each with
 * its own full resolver directory: every login must get the same lines back (PONG or the same -ERR), and claim
 * updates and lookups over the system account the same answers.
 */
@Timeout(60)
class OperatorDifferentialTest {
    private static Path tmp;
    private static OperatorFixture fx;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;
    private static OperatorFixture.Acct plain;
    private static OperatorFixture.Acct noLimits;
    private static OperatorFixture.Acct oneConn;
    private static OperatorFixture.Acct noBearer;
    private static OperatorFixture.Acct revoking;
    private static OperatorFixture.Acct untrusted;
    private static OperatorFixture.Acct updated;
    private static OperatorFixture.Acct onlyConn;
    private static OperatorFixture.User revokedUser;

    @BeforeAll
    static void start() throws IOException {
        ReferenceServer.assumeAvailable();
        tmp = Files.createTempDirectory("op-diff");
        fx = new OperatorFixture(tmp);
        plain = fx.account("PLAIN", n -> { });
        noLimits = fx.account("NOLIMITS", n -> n.remove("limits"));
        oneConn = fx.account("ONECONN", n -> ((ObjectNode) n.get("limits")).put("conn", 1));
        noBearer = fx.account("NOBEARER", n -> ((ObjectNode) n.get("limits")).put("disallow_bearer", true));
        revoking = fx.account("REVOKING", n -> { });
        revokedUser = fx.user(revoking, n -> { });
        String rk = revokedUser.publicKey();
        fx.reissue(revoking, n -> n.putObject("revocations").put(rk, Instant.now().getEpochSecond() + 5));
        updated = fx.account("UPDATED", n -> { });
        onlyConn = fx.account("ONLYCONN", n -> n.putObject("limits").put("conn", -1));
        untrusted = fx.account("UNTRUSTED", n -> { });
        untrusted.jwt = OperatorFixture.accountJwt(untrusted, n -> { }, JwtFixtures.operatorKey());
        reference = ReferenceServer.startWithConfig(fx.fullConfig("ref-jwt", "  allow_delete: true\n"));
        Path conf = fx.write("jnatsd.conf", fx.fullConfig("jnatsd-jwt", "  allow_delete: true\n"));
        jnatsd = NatsServer.start(PermissionsTest.load(Files.readString(conf),
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
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }

    /** The first {@code lines} lines each server answers to the login and then {@code after}. */
    private static List<String> session(int port, OperatorFixture.User u, NKey signer, String after, int lines)
            throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = OperatorClients.login(port, u.jwt(), signer)) {
            c.timeout(3000); // nats-server waits its resolver timeout (1.9 s) before refusing an unknown account
            for (int i = 0; i < lines; i++) {
                if (i == 1 && !after.isEmpty()) {
                    sleep(); // nats-server's INFO after the first PONG then comes before what follows
                    c.send(after);
                }
                try {
                    String line = c.readLineSkippingPings();
                    if (line == null) {
                        break; // closed
                    }
                    out.add(normalized(line));
                } catch (SocketTimeoutException e) {
                    out.add("<timeout>");
                } catch (IOException e) {
                    break; // reset after the server closed
                }
            }
        }
        return out;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An INFO differs in server id, name, version and port: only its max_payload is compared. */
    private static String normalized(String line) {
        if (!line.startsWith("INFO ")) {
            return line;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"max_payload\":(\\d+)").matcher(line);
        return "INFO max_payload=" + (m.find() ? m.group(1) : "?");
    }

    private static void same(String what, IntFunction<List<String>> run) {
        List<String> ref = run.apply(reference.port());
        List<String> ours = run.apply(jnatsd.port());
        assertThat(ours).as("%s (nats-server said %s)", what, ref).isEqualTo(ref);
    }

    /**
     * For sessions where a JWT allows 0 subscriptions: nats-server then also says -ERR at login, racing with its
     * PONG, and sometimes closes early; only which lines came is compared (docs/security.md).
     */
    private static void sameLines(String what, IntFunction<List<String>> run) {
        same(what, port -> run.apply(port).stream().distinct().sorted().toList());
    }

    private static IntFunction<List<String>> login(OperatorFixture.User u, NKey signer, String after, int lines) {
        return port -> {
            try {
                return session(port, u, signer, after, lines);
            } catch (IOException e) {
                return List.of("<io: " + e + ">");
            }
        };
    }

    @Test
    void loginsAreAcceptedAndRefusedAlike() {
        OperatorFixture.User good = fx.user(plain, n -> { });
        same("valid user", login(good, good.key(), "", 1));
        same("wrong signature", login(good, JwtFixtures.userKey(), "", 2));
        same("no signature", login(good, null, "", 2));
        OperatorFixture.User expired = fx.user(plain, n -> { }, c -> c.put("exp", Instant.now().getEpochSecond() - 5));
        same("expired user", login(expired, expired.key(), "", 2));
        OperatorFixture.User unknown = fx.user(new OperatorFixture.Acct("X", JwtFixtures.accountKey()), n -> { });
        same("unknown account", login(unknown, unknown.key(), "", 2));
        OperatorFixture.User ofUntrusted = fx.user(untrusted, n -> { });
        same("untrusted operator", login(ofUntrusted, ofUntrusted.key(), "", 2));
        same("revoked user", login(revokedUser, revokedUser.key(), "", 2));
        OperatorFixture.User noLimitsUser = fx.user(noLimits, n -> { });
        same("account without limits", login(noLimitsUser, noLimitsUser.key(), "", 1));
    }

    @Test
    void bearerTokensAlike() {
        OperatorFixture.User bearer = fx.user(plain, n -> n.put("bearer_token", true));
        same("bearer allowed", login(bearer, null, "", 1));
        OperatorFixture.User refused = fx.user(noBearer, n -> n.put("bearer_token", true));
        same("bearer disallowed", login(refused, null, "", 2));
    }

    @Test
    void permissionsAndLimitsOfTheUserJwtAlike() {
        OperatorFixture.User u = fx.user(plain, n -> {
            n.putObject("pub").putArray("allow").add("ok.>");
            n.putObject("sub").putArray("deny").add("secret");
            n.put("subs", 2);
        });
        same("permissions", login(u, u.key(), "SUB secret 1\r\nSUB > 2\r\nSUB a 3\r\nSUB b 4\r\nPUB no 1\r\nx\r\n"
                + "PUB ok.1 1\r\ny\r\nPING\r\n", 6));
        OperatorFixture.User oneSub = fx.user(plain, n -> n.put("subs", 1));
        same("one subscription allowed", login(oneSub, oneSub.key(), "SUB a 1\r\nSUB b 2\r\nPING\r\n", 3));
        OperatorFixture.User noSubsField = fx.user(plain, n -> n.remove("subs"));
        sameLines("user JWT without subs", login(noSubsField, noSubsField.key(), "SUB a 1\r\nPING\r\n", 3));
        OperatorFixture.User bare = fx.user(plain, n -> {
            n.remove("subs");
            n.remove("payload");
            n.remove("data");
        });
        sameLines("user JWT without limit fields", login(bare, bare.key(),
                "SUB a 1\r\nPUB a 2\r\nhi\r\nPING\r\n", 4));
        OperatorFixture.User inBareAccount = fx.user(onlyConn, n -> { });
        sameLines("account with only a conn limit", login(inBareAccount, inBareAccount.key(),
                "SUB a 1\r\nPUB a 2\r\nhi\r\nPING\r\n", 4));
        OperatorFixture.User payload = fx.user(plain, n -> n.put("payload", 4));
        same("payload limit", login(payload, payload.key(), "PUB a 5\r\nhello\r\nPING\r\n", 3));
    }

    @Test
    void theAccountConnectionLimitAlike() {
        OperatorFixture.User u = fx.user(oneConn, n -> { });
        same("second connection over conn 1", port -> {
            try (RawClient first = OperatorClients.login(port, u.jwt(), u.key())) {
                String a = first.readLineSkippingPings();
                List<String> out = new ArrayList<>(List.of(a));
                out.addAll(session(port, u, u.key(), "", 2));
                return out;
            } catch (IOException e) {
                return List.of("<io: " + e + ">");
            }
        });
    }

    @Test
    void claimUpdatesAndLookupsAnswerAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        String newJwt = fx.reissue(updated, n -> ((ObjectNode) n.get("limits")).put("subs", 3));
        same("update and lookup", port -> {
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                List<String> out = new ArrayList<>();
                out.add(shape(nc.request("$SYS.REQ.ACCOUNT." + updated.publicKey() + ".CLAIMS.UPDATE",
                        newJwt.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", newJwt.getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2))));
                out.add(shape(nc.request("$SYS.REQ.ACCOUNT." + plain.publicKey() + ".CLAIMS.UPDATE",
                        newJwt.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", "garbage".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2))));
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(
                        JwtFixtures.operatorKey(), updated.publicKey()).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2))).replaceAll("request by O[A-Z0-9]+ failed", "request by <key> failed"));
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(fx.operator,
                        fx.system.publicKey()).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                Message m = nc.request("$SYS.REQ.ACCOUNT." + updated.publicKey() + ".CLAIMS.LOOKUP", new byte[0],
                        Duration.ofSeconds(2));
                out.add(m == null ? "<none>" : String.valueOf(new String(m.getData()).equals(newJwt)));
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(fx.operator,
                        updated.publicKey()).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                try {
                    Message gone = nc.request("$SYS.REQ.ACCOUNT." + updated.publicKey() + ".CLAIMS.LOOKUP",
                            new byte[0], Duration.ofMillis(500));
                    out.add(gone == null ? "<none>" : new String(gone.getData()));
                } catch (IllegalStateException noResponders) {
                    out.add("<none>");
                }
                return out;
            } catch (Exception e) {
                return List.of("<error: " + e + ">");
            }
        });
    }

    @Test
    void aUserRevokedByAPushedUpdateIsDisconnectedAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        same("revoked while connected", port -> {
            // each server gets its own account, so the first push does not revoke on the other one
            OperatorFixture.Acct acct = fx.account("R" + port, n -> { });
            OperatorFixture.User victim = fx.user(acct, n -> { });
            String jwt = fx.reissue(acct, n -> n.putObject("revocations")
                    .put(victim.publicKey(), Instant.now().getEpochSecond() + 5));
            List<String> out = new ArrayList<>();
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", OperatorFixture.accountJwt(acct, n -> { },
                        fx.operator).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                try (RawClient c = OperatorClients.login(port, victim.jwt(), victim.key())) {
                    c.timeout(3000);
                    out.add(c.readLineSkippingPings());
                    out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", jwt.getBytes(StandardCharsets.UTF_8),
                            Duration.ofSeconds(2))).replace(acct.publicKey(), "<acc>"));
                    out.add(c.readLineSkippingPings());
                    out.add(String.valueOf(c.readLineSkippingPings()));
                }
            } catch (Exception e) {
                out.add("<error: " + e + ">");
            }
            return out.stream().map(l -> l.replace(acct.publicKey(), "<acc>")).toList();
        });
    }

    @Test
    void pushesOnTheOlderUpdateSubjectAnswerAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        String newJwt = fx.reissue(plain, n -> { });
        same("$SYS.ACCOUNT.<acc>.CLAIMS.UPDATE", port -> {
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                String subject = "$SYS.ACCOUNT." + plain.publicKey() + ".CLAIMS.UPDATE";
                List<String> out = new ArrayList<>();
                out.add(shape(nc.request(subject, newJwt.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                out.add(shape(nc.request(subject, fx.system.jwt.getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(2))));
                out.add(shape(nc.request(subject, "garbage".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))));
                Message m = nc.request("$SYS.REQ.ACCOUNT." + plain.publicKey() + ".CLAIMS.LOOKUP", new byte[0],
                        Duration.ofSeconds(2));
                out.add(m == null ? "<none>" : String.valueOf(new String(m.getData()).equals(newJwt)));
                return out;
            } catch (Exception e) {
                return List.of("<error: " + e + ">");
            }
        });
    }

    /**
     * LIST and PACK of the full resolver: each server's answer is checked against its own directory (the
     * directories differ: other tests add an account to one server only), and the outcomes compared.
     */
    @Test
    void claimListsAndPacksAnswerAlike() {
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        same("LIST and PACK", port -> {
            Path dir = tmp.resolve(port == reference.port() ? "ref-jwt" : "jnatsd-jwt");
            try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .authHandler(Nats.credentials(sys.creds().toString())).build())) {
                java.util.TreeMap<String, String> files = new java.util.TreeMap<>();
                byte[] hash = new byte[32];
                try (var list = Files.list(dir)) {
                    for (Path p : list.filter(f -> f.toString().endsWith(".jwt")).toList()) {
                        String jwt = Files.readString(p);
                        files.put(p.getFileName().toString().replace(".jwt", ""), jwt);
                        byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                                .digest(jwt.getBytes(StandardCharsets.UTF_8));
                        for (int i = 0; i < 32; i++) {
                            hash[i] ^= h[i];
                        }
                    }
                }
                List<String> out = new ArrayList<>();
                String listed = shape(nc.request("$SYS.REQ.CLAIMS.LIST", new byte[0], Duration.ofSeconds(2)));
                out.add("list=" + listed.equals("{\"data\":[\"" + String.join("\",\"", files.keySet()) + "\"]"));
                List<String> expected = new ArrayList<>(files.entrySet().stream()
                        .map(e -> e.getKey() + "|" + e.getValue()).toList());
                expected.add("<end>");
                out.add("pack=" + pack(nc, new byte[0]).equals(expected));
                out.add("pack with the same hash=" + pack(nc, hash));
                return out;
            } catch (Exception e) {
                return List.of("<error: " + e + ">");
            }
        });
    }

    /** The messages answering a PACK request, then {@code <end>} for the empty one ending it. */
    private static List<String> pack(Connection nc, byte[] hash) throws InterruptedException {
        String inbox = nc.createInbox();
        io.nats.client.Subscription sub = nc.subscribe(inbox);
        nc.publish("$SYS.REQ.CLAIMS.PACK", inbox, hash);
        List<String> out = new ArrayList<>();
        Message m;
        while ((m = sub.nextMessage(Duration.ofSeconds(2))) != null && m.getData().length > 0) {
            out.add(new String(m.getData(), StandardCharsets.UTF_8));
        }
        out.add(m == null ? "<no end>" : "<end>");
        sub.unsubscribe();
        return out;
    }

    /** The answer without the per-server "server" object. */
    private static String shape(Message m) {
        if (m == null) {
            return "<no answer>";
        }
        String s = new String(m.getData(), StandardCharsets.UTF_8);
        int server = s.indexOf(",\"server\":");
        return server < 0 ? s : s.substring(0, server);
    }
}
