package io.jnatsd.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Password and token checks: a configured value starting with $2a$, $2b$ or $2y$ is a bcrypt hash (as nats-server
 * decides), anything else is compared as plain text in constant time.
 *
 * <p>bcrypt takes tens of milliseconds and checks run on the event loop, so successful checks are remembered: the
 * cache key is the hash plus a SHA-256 of the given secret (the secret itself is never kept). A client that
 * reconnects with the same credentials then costs one hash lookup; only the first success and every failure pay for
 * bcrypt. Failures are not cached so a wrong guess is never cheaper. The cache belongs to one authenticator, which
 * a reload replaces, so changed hashes start empty.
 */
public final class BcryptPasswords {
    static final int MAX_CACHED = 1024;

    private final ConcurrentHashMap<String, Boolean> verified = new ConcurrentHashMap<>();

    public static boolean isBcrypt(String configured) {
        return configured.startsWith("$2a$") || configured.startsWith("$2b$") || configured.startsWith("$2y$");
    }

    /** Whether {@code given} matches {@code configured} (plain or bcrypt). Null {@code given} never matches. */
    public boolean matches(String configured, String given) {
        if (given == null) {
            return false;
        }
        if (!isBcrypt(configured)) {
            return constantTimeEquals(configured, given);
        }
        String key = cacheKey(configured, given);
        if (verified.containsKey(key)) {
            return true;
        }
        boolean ok = BCrypt.verifyer().verify(given.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8)).verified;
        if (ok) {
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(key, Boolean.TRUE);
        }
        return ok;
    }

    /** Whether {@link #matches} would run bcrypt: a bcrypt hash and a secret not verified against it before. */
    public boolean slowToCheck(String configured, String given) {
        return given != null && isBcrypt(configured) && !verified.containsKey(cacheKey(configured, given));
    }

    private static String cacheKey(String configured, String given) {
        return configured + '\0' + sha256(given);
    }

    static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
