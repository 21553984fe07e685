package io.jnatsd.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.NKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An operator, its system account and further accounts and users, as nsc would make them, for operator mode tests:
 * JWTs built with {@link JwtFixtures}, the operator JWT and .creds files written to a directory, and the config
 * text (MEMORY resolver with preload, or a full resolver directory) that jnatsd and nats-server both read.
 */
public final class OperatorFixture {
    public final NKey operator = JwtFixtures.operatorKey();
    public final Path dir;
    public final Acct system;
    private final Map<String, Acct> accounts = new LinkedHashMap<>();
    private final Path operatorFile;

    /** An account: its key and current JWT. */
    public static final class Acct {
        public final String name;
        public final NKey key;
        public String jwt;

        public Acct(String name, NKey key) {
            this.name = name;
            this.key = key;
        }

        public String publicKey() {
            return JwtFixtures.publicKey(key);
        }
    }

    public OperatorFixture(Path dir) {
        this.dir = dir;
        this.system = new Acct("SYS", JwtFixtures.accountKey());
        system.jwt = accountJwt(system, n -> { }, operator);
        accounts.put(system.name, system);
        ObjectNode op = JwtFixtures.claims("operator", operator);
        JwtFixtures.nats(op).put("system_account", system.publicKey());
        operatorFile = write("operator.jwt", JwtFixtures.sign(op, operator));
    }

    /** A new account issued by the operator, with unlimited limits unless {@code customize} says otherwise. */
    public Acct account(String name, Consumer<ObjectNode> customize) {
        return account(name, JwtFixtures.accountKey(), customize);
    }

    /** As {@link #account(String, Consumer)} with a key made beforehand (e.g. named in an activation token). */
    public Acct account(String name, NKey key, Consumer<ObjectNode> customize) {
        Acct a = new Acct(name, key);
        a.jwt = accountJwt(a, customize, operator);
        accounts.put(name, a);
        return a;
    }

    /** A new JWT for {@code a} (e.g. with revocations), issued one second later than now so it is newer. */
    public String reissue(Acct a, Consumer<ObjectNode> customize) {
        a.jwt = accountJwt(a, customize, operator);
        return a.jwt;
    }

    /** Account claims with nsc's default limits (all -1) before {@code customize} runs on the nats object. */
    public static String accountJwt(Acct a, Consumer<ObjectNode> customize, NKey issuer) {
        return accountJwt(a, customize, c -> { }, issuer);
    }

    /** An account JWT (nsc's default limits) with {@code exp} set: the account expires then. */
    public static String accountJwtExpiring(Acct a, long exp, NKey issuer) {
        return accountJwt(a, n -> { }, c -> c.put("exp", exp), issuer);
    }

    private static String accountJwt(Acct a, Consumer<ObjectNode> customize, Consumer<ObjectNode> claims,
            NKey issuer) {
        ObjectNode c = JwtFixtures.claims("account", a.key);
        claims.accept(c);
        c.put("name", a.name);
        ObjectNode nats = JwtFixtures.nats(c);
        ObjectNode limits = nats.putObject("limits");
        for (String k : new String[] {"subs", "data", "payload", "imports", "exports", "conn", "leaf"}) {
            limits.put(k, -1);
        }
        limits.put("wildcards", true);
        customize.accept(nats);
        return JwtFixtures.sign(c, issuer);
    }

    /** A user of {@code a}; {@code customize} edits the user's nats object (pub/sub, bearer_token, ...). */
    public User user(Acct a, Consumer<ObjectNode> customize) {
        return user(a, customize, c -> { });
    }

    /** As {@link #user(Acct, Consumer)}, with {@code claims} editing the top-level claims (exp, iat, ...). */
    public User user(Acct a, Consumer<ObjectNode> customize, Consumer<ObjectNode> claims) {
        return user(a, a.key, customize, claims);
    }

    /** A user of {@code a} issued by one of its signing keys ({@code issuer_account} set to {@code a}). */
    public User userSignedBy(Acct a, NKey signingKey, Consumer<ObjectNode> customize) {
        return user(a, signingKey, n -> {
            n.put("issuer_account", a.publicKey());
            customize.accept(n);
        }, c -> { });
    }

    private User user(Acct a, NKey issuer, Consumer<ObjectNode> customize, Consumer<ObjectNode> claims) {
        NKey key = JwtFixtures.userKey();
        ObjectNode c = JwtFixtures.claims("user", key);
        c.put("name", "user-of-" + a.name);
        ObjectNode nats = JwtFixtures.nats(c);
        for (String k : new String[] {"subs", "data", "payload"}) {
            nats.put(k, -1);
        }
        customize.accept(nats);
        claims.accept(c);
        String jwt = JwtFixtures.sign(c, issuer);
        Path creds = write("u" + System.nanoTime() + ".creds", JwtFixtures.creds(jwt, key));
        return new User(key, jwt, creds);
    }

    /** A user: key, JWT and its .creds file. */
    public record User(NKey key, String jwt, Path creds) {
        public String publicKey() {
            return JwtFixtures.publicKey(key);
        }
    }

    /**
     * An activation token for an import of {@code subject} ({@code kind} "stream" or "service") by {@code importer},
     * signed by {@code signer} (the exporter's key, or one of its signing keys with {@code issuerAccount} set);
     * {@code claims} edits the top-level claims (exp, iat, ...).
     */
    public static String activation(NKey signer, String issuerAccount, String importer, String subject, String kind,
            Consumer<ObjectNode> claims) {
        ObjectNode c = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        c.put("jti", java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase());
        c.put("iat", java.time.Instant.now().getEpochSecond());
        c.put("name", subject);
        c.put("sub", importer);
        ObjectNode nats = c.putObject("nats");
        nats.put("subject", subject).put("kind", kind).put("type", "activation").put("version", 2);
        if (issuerAccount != null) {
            nats.put("issuer_account", issuerAccount);
        }
        claims.accept(c);
        return JwtFixtures.sign(c, signer);
    }

    /** A {@code $SYS.REQ.CLAIMS.DELETE} request: generic claims self-signed by {@code signer} listing accounts. */
    public static String deleteRequest(NKey signer, String... accounts) {
        ObjectNode c = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        c.put("jti", java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase());
        c.put("iat", java.time.Instant.now().getEpochSecond());
        c.put("sub", JwtFixtures.publicKey(signer));
        var list = c.putObject("nats").putArray("accounts");
        for (String a : accounts) {
            list.add(a);
        }
        return JwtFixtures.sign(c, signer);
    }

    /** Config text with a MEMORY resolver preloading every account made so far. */
    public String memoryConfig() {
        StringBuilder b = new StringBuilder(header()).append("resolver: MEMORY\nresolver_preload {\n");
        for (Acct a : accounts.values()) {
            b.append("  ").append(a.publicKey()).append(": \"").append(a.jwt).append("\"\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * Config text with a full resolver in a fresh directory under {@link #dir} holding every account's
     * {@code <pubkey>.jwt} (each server gets its own directory: both write to it).
     */
    public String fullConfig(String dirName, String extra) {
        Path d = dir.resolve(dirName);
        try {
            Files.createDirectories(d);
            for (Acct a : accounts.values()) {
                Files.writeString(d.resolve(a.publicKey() + ".jwt"), a.jwt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header() + "resolver {\n  type: full\n  dir: \"" + d + "\"\n" + extra + "}\n";
    }

    private String header() {
        return "operator: \"" + operatorFile + "\"\nsystem_account: " + system.publicKey() + "\n";
    }

    public Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
