package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.operator.OperatorAccounts;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The account resolver's requests over the system account, as nats-server's full and cache resolvers answer
 * them: {@code $SYS.REQ.ACCOUNT.<acc>.CLAIMS.LOOKUP} (the JWT, no answer when unknown), and account JWT pushes on
 * {@code $SYS.REQ.CLAIMS.UPDATE} and {@code $SYS.REQ.ACCOUNT.<acc>.CLAIMS.UPDATE}, answered with
 * {@code {"data":{"account":..,"code":200,"message":"jwt updated"},"server":{..}}} or an {@code error} object.
 */
final class ClaimsRequests {
    private static final String UPDATE_FAILED = "jwt update resulted in error";

    private final OperatorAccounts accounts;
    private final Account<ClientConnection> system;
    private final EventJson json;
    private final Executor executor;

    private ClaimsRequests(OperatorAccounts accounts, Account<ClientConnection> system, EventJson json,
            Executor executor) {
        this.accounts = accounts;
        this.system = system;
        this.json = json;
        this.executor = executor;
    }

    static void install(OperatorAccounts accounts, Account<ClientConnection> system, EventJson json,
            Executor executor) {
        ClaimsRequests r = new ClaimsRequests(accounts, system, json, executor);
        system.subscribeInternal("$SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP", r.handler(r::lookup));
        if (accounts.resolver().acceptsUpdates()) {
            system.subscribeInternal("$SYS.REQ.CLAIMS.UPDATE", r.handler(r::update));
            system.subscribeInternal("$SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE", r.handler(r::update));
        }
    }

    private interface Request {
        void handle(String subject, String reply, String body);
    }

    /** Copies what the handler needs and leaves the publisher's thread at once. */
    private InternalSubscriber<ClientConnection> handler(Request r) {
        return (publisher, p, payload, off) -> {
            String subject = p.subject();
            String reply = p.replyLen == 0 ? null : p.reply();
            int hdr = Math.max(p.headerSize, 0);
            String body = new String(payload, off + hdr, p.totalSize - hdr, StandardCharsets.UTF_8).trim();
            executor.execute(() -> r.handle(subject, reply, body));
            return true;
        };
    }

    private void lookup(String subject, String reply, String body) {
        if (reply == null) {
            return;
        }
        String key = subject.split("\\.")[3];
        String jwt = accounts.resolver().fetch(key);
        if (jwt != null) {
            InternalPublisher.publish(system, reply, null, jwt.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void update(String subject, String reply, String body) {
        String[] tokens = subject.split("\\.");
        String key = tokens.length == 6 ? tokens[3] : null;
        AccountClaims claims;
        try {
            claims = AccountClaims.decode(body);
        } catch (JwtException e) {
            respond(reply, "n/a", null, UPDATE_FAILED + " - " + e.getMessage());
            return;
        }
        if (key != null && !key.equals(claims.publicKey())) {
            respond(reply, key, null, UPDATE_FAILED + " - subject does not match jwt content");
            return;
        }
        try {
            accounts.update(body);
        } catch (JwtException e) {
            respond(reply, claims.publicKey(), null, "jwt validation failed - " + e.getMessage());
            return;
        } catch (java.io.IOException e) {
            respond(reply, claims.publicKey(), null, UPDATE_FAILED + " - " + e.getMessage());
            return;
        }
        respond(reply, claims.publicKey(), "jwt updated", null);
    }

    /** nats-server's map-based answer: keys in sorted order. */
    private void respond(String reply, String account, String message, String error) {
        if (reply == null) {
            return;
        }
        ObjectNode m = JsonOut.object();
        ObjectNode inner = m.putObject(error == null ? "data" : "error");
        inner.put("account", account);
        inner.put("code", error == null ? 200 : 500);
        if (error == null) {
            inner.put("message", message);
        } else {
            inner.put("description", error);
        }
        json.putServer(m);
        InternalPublisher.publish(system, reply, null, JsonOut.compact(m));
    }
}
