package io.jnatsd.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * allowed_connection_types, as nats-server names them: STANDARD (TCP clients), WEBSOCKET, LEAFNODE, LEAFNODE_WS, MQTT,
 * MQTT_WS. An empty list allows every type.
 */
public final class ConnectionTypes {
    /** The names nats-server 2.9 accepts in a config file. */
    public static final List<String> KNOWN = List.of("STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT",
            "MQTT_WS");

    private ConnectionTypes() {
    }

    /**
     * Whether a client of this type ("nats" or "websocket", as /connz names them) may log in under {@code allowed}
     * (names compared ignoring case; empty = any).
     */
    public static boolean allows(List<String> allowed, String clientType) {
        if (allowed.isEmpty()) {
            return true;
        }
        String wanted = "websocket".equals(clientType) ? "WEBSOCKET" : "STANDARD";
        return allowed.stream().anyMatch(t -> t.equalsIgnoreCase(wanted));
    }

    /** The names of {@code types} that nats-server does not know, upper-cased as its error message shows them. */
    public static List<String> unknown(List<String> types) {
        List<String> out = new ArrayList<>();
        for (String t : types) {
            String u = t.toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }
}
