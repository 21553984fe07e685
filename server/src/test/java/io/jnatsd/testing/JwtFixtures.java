package io.jnatsd.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.NKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues NATS v2 JWTs for tests, signed with jnats's NKey: build the claims with {@link #claims}, adjust the JSON
 * (its {@code nats} object is {@link #nats}), then {@link #sign} with the issuer's key. jwt-java is not used: it
 * clashes with jnats on the test classpath.
 */
public final class JwtFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private JwtFixtures() {
    }

    public static NKey operatorKey() {
        return create(Kind.OPERATOR);
    }

    public static NKey accountKey() {
        return create(Kind.ACCOUNT);
    }

    public static NKey userKey() {
        return create(Kind.USER);
    }

    private enum Kind { OPERATOR, ACCOUNT, USER }

    private static NKey create(Kind k) {
        try {
            return switch (k) {
                case OPERATOR -> NKey.createOperator(null);
                case ACCOUNT -> NKey.createAccount(null);
                case USER -> NKey.createUser(null);
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKey(NKey k) {
        try {
            return new String(k.getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of this type ("operator", "account", "user") about {@code subject}, issued now, version 2. */
    public static ObjectNode claims(String type, NKey subject) {
        ObjectNode c = JSON.createObjectNode();
        c.put("jti", UUID.randomUUID().toString().replace("-", "").toUpperCase());
        c.put("iat", Instant.now().getEpochSecond());
        c.put("name", type + "-fixture");
        c.put("sub", publicKey(subject));
        ObjectNode nats = c.putObject("nats");
        nats.put("type", type);
        nats.put("version", 2);
        return c;
    }

    public static ObjectNode nats(ObjectNode claims) {
        return (ObjectNode) claims.get("nats");
    }

    /** Sets {@code iss} to the issuer's public key and returns the signed JWT. */
    public static String sign(ObjectNode claims, NKey issuer) {
        claims.put("iss", publicKey(issuer));
        String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"
                .getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signed = header + "." + body;
        try {
            return signed + "." + B64.encodeToString(issuer.sign(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An auth callout service's answer: an authorization_response about {@code userNkey} for {@code serverId},
     * carrying {@code userJwt} or {@code error} (null = left out), signed by {@code signer}.
     */
    public static String authorizationResponse(String userNkey, String serverId, String userJwt, String error,
            NKey signer) {
        ObjectNode c = claims("authorization_response", signer);
        c.put("sub", userNkey);
        c.put("aud", serverId);
        ObjectNode nats = nats(c);
        if (userJwt != null) {
            nats.put("jwt", userJwt);
        }
        if (error != null) {
            nats.put("error", error);
        }
        return sign(c, signer);
    }

    /** The claims of a JWT, decoded without checking the signature (what a test service reads of a request). */
    public static com.fasterxml.jackson.databind.JsonNode body(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A .creds file text as nsc writes it. */
    public static String creds(String userJwt, NKey user) {
        try {
            return "-----BEGIN NATS USER JWT-----\n" + userJwt + "\n------END NATS USER JWT------\n\n"
                    + "************************* IMPORTANT *************************\n"
                    + "NKEY Seed printed below can be used to sign and prove identity.\n\n"
                    + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed())
                    + "\n------END USER NKEY SEED------\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
