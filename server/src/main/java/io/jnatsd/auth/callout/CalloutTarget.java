package io.jnatsd.auth.callout;

import java.time.Instant;

/**
 * Where one authorization request goes and how its answer is judged: the configured service (configuration mode)
 * or the service an account JWT names (operator mode).
 */
interface CalloutTarget {
    /** The account the request is published in, by its name (operator mode: its public key). */
    String account();

    /** The request's {@code sub}: the configured issuer, or the callout account's public key. */
    String requestSubject();

    /** The service's curve public key to seal requests to; null = plain requests. */
    String xkey();

    /**
     * @param answer the answer as text (opened when it came sealed)
     * @param userNkey the fresh user key the request asked about
     * @param encrypted whether the answer came sealed
     */
    Verdict judge(String answer, String userNkey, String serverId, boolean encrypted, Instant now);
}
