package io.jnatsd.auth;

import java.time.Duration;

/**
 * A user's permissions: publish and subscribe (each null = unrestricted) and allow_responses (responseMax 0 = off).
 * Immutable; shared by all connections of the user.
 */
public record Permissions(SubjectPermission publish, SubjectPermission subscribe, int responseMax,
        Duration responseExpires) {
    /** nats-server's defaults for {@code allow_responses: true}: one reply, within two minutes. */
    public static final int DEFAULT_RESPONSE_MAX = 1;
    public static final Duration DEFAULT_RESPONSE_EXPIRES = Duration.ofMinutes(2);

    public boolean allowResponses() {
        return responseMax != 0;
    }
}
