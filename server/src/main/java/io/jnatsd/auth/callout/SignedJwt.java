package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.server.ServerKeyPair;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encodes claims as a NATS JWT: {@code header.claims.signature}, each raw URL base64, the header
 * {@code {"typ":"JWT","alg":"ed25519-nkey"}} and the Ed25519 signature of {@code header.claims} by the issuer.
 */
final class SignedJwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.US_ASCII));

    private SignedJwt() {
    }

    /** Sets {@code iss} and {@code jti} (a hash of the claims, as nats-io/jwt does), then signs. */
    static String sign(ObjectNode claims, ServerKeyPair issuer) {
        claims.put("iss", issuer.publicKey());
        claims.put("jti", "");
        claims.put("jti", hash(claims.toString()));
        String body = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signed = HEADER + "." + body;
        return signed + "." + B64.encodeToString(issuer.sign(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hash(String json) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(d, 0, 26);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
