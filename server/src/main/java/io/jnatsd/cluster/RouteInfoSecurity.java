package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.config.RouteSecurity;

import java.util.ArrayList;
import java.util.List;

/**
 * The security fields of a route INFO, as nats-server 2.9 sends them: {@code auth_required}, {@code tls_required}
 * and {@code tls_verify} (both set when the routes use TLS), and the route permissions as {@code import} /
 * {@code export} ({@code {"allow":[..],"deny":[..]}}, for the peer's monitoring only).
 */
record RouteInfoSecurity(boolean authRequired, boolean tlsRequired, SubjectPermission imports,
        SubjectPermission exports) {
    static final RouteInfoSecurity NONE = new RouteInfoSecurity(false, false, null, null);

    static RouteInfoSecurity of(RouteSecurity s) {
        return new RouteInfoSecurity(s.authRequired(), s.tls() != null, s.imports(), s.exports());
    }

    static RouteInfoSecurity parse(JsonNode n) {
        return new RouteInfoSecurity(n.path("auth_required").asBoolean(false), n.path("tls_required").asBoolean(false),
                permission(n.get("import")), permission(n.get("export")));
    }

    private static SubjectPermission permission(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        return new SubjectPermission(p.has("allow") ? strings(p.get("allow")) : null, strings(p.get("deny")));
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    void renderFlags(ObjectNode o) {
        if (authRequired) {
            o.put("auth_required", true);
        }
        if (tlsRequired) {
            o.put("tls_required", true);
            o.put("tls_verify", true);
        }
    }

    void renderPermissions(ObjectNode o) {
        render(o, "import", imports);
        render(o, "export", exports);
    }

    private static void render(ObjectNode o, String key, SubjectPermission p) {
        if (p == null) {
            return;
        }
        ObjectNode j = o.putObject(key);
        if (p.allowList() != null && !p.allowList().isEmpty()) {
            ArrayNode a = j.putArray("allow");
            p.allowList().forEach(a::add);
        }
        if (!p.denyList().isEmpty()) {
            ArrayNode d = j.putArray("deny");
            p.denyList().forEach(d::add);
        }
    }
}
