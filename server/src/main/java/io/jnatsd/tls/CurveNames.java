package io.jnatsd.tls;

import java.util.Map;

/** nats-server's {@code curve_preferences} names (Go's tls.CurveID constants) to TLS named-group names. */
public final class CurveNames {
    private static final Map<String, String> GO_TO_GROUP = Map.of(
            "CurveP256", "secp256r1",
            "CurveP384", "secp384r1",
            "CurveP521", "secp521r1",
            "X25519", "x25519");

    private CurveNames() {
    }

    /** The named group of a Go curve name, or null when nats-server would not recognise it. */
    public static String groupName(String goName) {
        return GO_TO_GROUP.get(goName);
    }
}
