package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a NATS JWT ({@code header.claims.signature}, each raw URL base64): the header must say
 * {@code {"typ":"JWT","alg":"ed25519-nkey"}}, the claims are JSON, and the signature is Ed25519 over
 * {@code header.claims} by the public nkey in {@code iss}. The issuer and subject key types must suit the claim type
 * (an account signs users, an operator or the account itself signs accounts, an operator signs itself).
 * Expiry and revocation are checked separately ({@link ClaimChecks}): they depend on the time and the account.
 */
public final class JwtDecoder {
    static final String ALGORITHM = "ed25519-nkey";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64 = Base64.getUrlDecoder();

    private JwtDecoder() {
    }

    /** Decodes and verifies {@code token}, which must be of the {@code expected} type. */
    public static Claims decode(String token, ClaimType expected) throws JwtException {
        Claims c = decode(token);
        if (c.type() != expected) {
            throw new JwtException("not " + expected.wireName() + " claims");
        }
        return c;
    }

    /**
     * Decodes and verifies generic claims (no {@code nats.type}, as nsc's delete requests): the signature by the
     * public nkey in {@code iss}, of any kind. Returns the whole claims object.
     */
    public static JsonNode decodeGeneric(String token) throws JwtException {
        String[] parts = split(token);
        JsonNode body = json(parts[1], "claims");
        String iss = NatsJson.text(body, "iss");
        NKeyType issuerType = NKeys.typeOf(iss);
        if (issuerType == null) {
            throw new JwtException("issuer is not a public nkey");
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!NKeys.verify(iss, issuerType, signed, base64(parts[2], "signature"))) {
            throw new JwtException("claim failed V2 signature verification");
        }
        return body;
    }

    /** The three parts of a token whose header is a NATS JWT header. */
    private static String[] split(String token) throws JwtException {
        if (token == null) {
            throw new JwtException("no JWT");
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("expected 3 chunks");
        }
        JsonNode header = json(parts[0], "header");
        if (!"JWT".equalsIgnoreCase(NatsJson.text(header, "typ"))) {
            throw new JwtException("not supported type \"" + NatsJson.text(header, "typ") + "\"");
        }
        if (!ALGORITHM.equalsIgnoreCase(NatsJson.text(header, "alg"))) {
            throw new JwtException("unexpected \"" + NatsJson.text(header, "alg") + "\" algorithm");
        }
        return parts;
    }

    /** Decodes and verifies a JWT of any known type. */
    public static Claims decode(String token) throws JwtException {
        String[] parts = split(token);
        JsonNode body = json(parts[1], "claims");
        Claims claims = claims(body);
        NKeyType issuerType = NKeys.typeOf(claims.issuer());
        if (issuerType == null) {
            throw new JwtException("issuer is not a public nkey");
        }
        if (!claims.type().issuers().contains(issuerType)) {
            throw new JwtException(claims.type().wireName() + " claims cannot be issued by a "
                    + issuerType.name().toLowerCase() + " key");
        }
        if (NKeys.typeOf(claims.subject()) != claims.type().subject()) {
            throw new JwtException("subject is not a public " + claims.type().subject().name().toLowerCase()
                    + " key");
        }
        byte[] signature = base64(parts[2], "signature");
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!NKeys.verify(claims.issuer(), issuerType, signed, signature)) {
            throw new JwtException("claim failed V2 signature verification");
        }
        return claims;
    }

    private static Claims claims(JsonNode body) throws JwtException {
        JsonNode nats = NatsJson.object(body, "nats");
        if (nats == null) {
            throw new JwtException("no nats claims");
        }
        int version = (int) NatsJson.number(nats, "version");
        if (version != 2) {
            throw new JwtException("unsupported claims version " + version + " (only v2 JWTs are read)");
        }
        ClaimType type = ClaimType.ofWireName(NatsJson.text(nats, "type"));
        if (type == null) {
            throw new JwtException("unknown claim type \"" + NatsJson.text(nats, "type") + "\"");
        }
        return new Claims(NatsJson.text(body, "jti"), NatsJson.number(body, "iat"), NatsJson.text(body, "iss"),
                NatsJson.text(body, "name"), NatsJson.text(body, "sub"), NatsJson.number(body, "exp"),
                NatsJson.number(body, "nbf"), NatsJson.text(body, "aud"), type, version,
                NatsJson.strings(nats, "tags"), nats);
    }

    private static JsonNode json(String part, String what) throws JwtException {
        try {
            JsonNode n = JSON.readTree(base64(part, what));
            if (n == null || !n.isObject()) {
                throw new JwtException(what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new JwtException(what + " is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] base64(String part, String what) throws JwtException {
        try {
            return BASE64.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtException(what + " is not base64url: " + e.getMessage());
        }
    }
}
