package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.ConnectingClient;
import io.jnatsd.protocol.ConnectOptions;

import java.time.Instant;

/**
 * The claims of an {@code authorization_request} JWT, shaped as nats-io/jwt v2's AuthorizationRequestClaims: issued
 * by the server key, about the callout issuer account, for audience {@code nats-authorization-request}, expiring
 * with the auth timeout; {@code nats} holds server_id, user_nkey, client_info and connect_opts. Fields Go omits when
 * empty are left out here too.
 */
public final class AuthorizationRequest {
    /** The audience nats-server gives every request. */
    public static final String AUDIENCE = "nats-authorization-request";
    public static final String TYPE = "authorization_request";

    private AuthorizationRequest() {
    }

    /**
     * @param issuerAccount the configured callout issuer (the request's subject)
     * @param userNkey the fresh user key the answer must be about
     */
    public static ObjectNode claims(CalloutServer server, String issuerAccount, String userNkey,
            ConnectingClient client, ConnectOptions c, Instant now, Instant expires) {
        return claims(server, issuerAccount, userNkey, client, c, now, expires,
                server.xkeys() == null ? null : server.xkeys().publicKey());
    }

    /** @param serverXkey the server's curve key when the request is sealed (named in server_id), else null */
    static ObjectNode claims(CalloutServer server, String issuerAccount, String userNkey, ConnectingClient client,
            ConnectOptions c, Instant now, Instant expires, String serverXkey) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("aud", AUDIENCE);
        claims.put("exp", expires.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("sub", issuerAccount);
        ObjectNode nats = claims.putObject("nats");
        ObjectNode s = nats.putObject("server_id");
        s.put("name", server.name());
        s.put("host", server.host());
        s.put("id", server.id());
        putIfSet(s, "version", server.version());
        if (!server.tags().isEmpty()) {
            server.tags().forEach(s.putArray("tags")::add);
        }
        if (serverXkey != null) {
            s.put("xkey", serverXkey); // where an encrypted answer goes
        }
        nats.put("user_nkey", userNkey);
        ObjectNode ci = nats.putObject("client_info");
        putIfSet(ci, "host", client.host());
        if (client.id() != 0) {
            ci.put("id", client.id());
        }
        putIfSet(ci, "user", rawUser(c));
        putIfSet(ci, "name", c.name);
        ci.put("kind", "Client");
        putIfSet(ci, "type", client.type());
        if (c.sig != null && !c.sig.isEmpty()) {
            putIfSet(ci, "nonce", client.nonce()); // what the signature signed, so the service can check it
        }
        ObjectNode co = nats.putObject("connect_opts");
        putIfSet(co, "jwt", c.jwt);
        putIfSet(co, "nkey", c.nkey);
        putIfSet(co, "sig", c.sig);
        putIfSet(co, "auth_token", c.authToken);
        putIfSet(co, "user", c.user);
        putIfSet(co, "pass", c.pass);
        putIfSet(co, "name", c.name);
        putIfSet(co, "lang", c.lang);
        putIfSet(co, "version", c.version);
        co.put("protocol", c.protocol);
        nats.put("type", TYPE);
        nats.put("version", 2);
        return claims;
    }

    /**
     * Who the client says it is, as nats-server's raw auth user: its nkey, else its user name, else its token; the
     * auth users are matched against this.
     */
    public static String rawUser(ConnectOptions c) {
        if (set(c.nkey)) {
            return c.nkey;
        }
        if (set(c.user)) {
            return c.user;
        }
        return set(c.authToken) ? c.authToken : null;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (set(value)) {
            n.put(field, value);
        }
    }

    private static boolean set(String s) {
        return s != null && !s.isEmpty();
    }
}
