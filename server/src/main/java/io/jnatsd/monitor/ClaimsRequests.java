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
 * {@code $SYS.REQ.CLAIMS.UPDATE}, {@code $SYS.REQ.ACCOUNT.<acc>.CLAIMS.UPDATE} and the older
 * {@code $SYS.ACCOUNT.<acc>.CLAIMS.UPDATE}, answered with
 * {@code {"data":{"account":..,"code":200,"message":"jwt updated"},"server":{..}}} or an {@code error} object. A full
 * resolver also answers {@code $SYS.REQ.CLAIMS.LIST} (the account keys) and {@code $SYS.REQ.CLAIMS.PACK} (every
 * JWT, one {@code <key>|<jwt>} message each, then an empty message; only the empty one when the request carries
 * the hash of the same JWTs).
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
            system.subscribeInternal("$SYS.ACCOUNT.*.CLAIMS.UPDATE", r.handler(r::update));
            system.subscribeInternal("$SYS.REQ.CLAIMS.DELETE", r.handler(r::delete));
        }
        if (accounts.resolver().full()) {
            system.subscribeInternal("$SYS.REQ.CLAIMS.LIST", r.handler(r::list));
            system.subscribeInternal("$SYS.REQ.CLAIMS.PACK", r.rawHandler(r::pack));
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

    /** As {@link #handler}, with the payload's bytes as they came (the PACK hash is binary). */
    private InternalSubscriber<ClientConnection> rawHandler(java.util.function.BiConsumer<String, byte[]> r) {
        return (publisher, p, payload, off) -> {
            String reply = p.replyLen == 0 ? null : p.reply();
            int hdr = Math.max(p.headerSize, 0);
            byte[] body = java.util.Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
            executor.execute(() -> r.accept(reply, body));
            return true;
        };
    }

    private void list(String subject, String reply, String body) {
        if (reply == null) {
            return;
        }
        ObjectNode m = JsonOut.object();
        var data = m.putArray("data");
        io.jnatsd.operator.ResolverPack.of(accounts.resolver()).keys().forEach(data::add);
        json.putServer(m);
        InternalPublisher.publish(system, reply, null, JsonOut.compact(m));
    }

    private void pack(String reply, byte[] theirHash) {
        if (reply == null) {
            return;
        }
        io.jnatsd.operator.ResolverPack pack = io.jnatsd.operator.ResolverPack.of(accounts.resolver());
        if (!java.util.Arrays.equals(theirHash, pack.hash())) {
            for (String entry : pack.entries()) {
                InternalPublisher.publish(system, reply, null, entry.getBytes(StandardCharsets.UTF_8));
            }
        }
        InternalPublisher.publish(system, reply, null, new byte[0]); // the end
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
        String key = tokens.length == 6 ? tokens[3] : tokens.length == 5 ? tokens[2] : null;
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

    /**
     * {@code $SYS.REQ.CLAIMS.DELETE}: generic claims self-signed by a trusted operator key listing
     * {@code nats.accounts}; their JWTs are deleted from the directory (allow_delete) and their clients closed.
     */
    private void delete(String subject, String reply, String body) {
        String by = "";
        java.util.List<String> keys = new java.util.ArrayList<>();
        String problem;
        try {
            com.fasterxml.jackson.databind.JsonNode claims = io.jnatsd.auth.jwt.JwtDecoder.decodeGeneric(body);
            by = claims.path("sub").asText("");
            problem = deleteProblem(claims, by, keys);
        } catch (JwtException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            respond(reply, null, null, "delete accounts request by " + by + " failed - " + problem);
            return;
        }
        java.util.List<String> errors = new java.util.ArrayList<>();
        int deleted = 0;
        for (String k : keys) {
            try {
                accounts.delete(k);
                deleted++;
            } catch (java.io.IOException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            respond(reply, null, "deleted " + deleted + " accounts", null);
        } else {
            respond(reply, null, null, "deleted " + deleted + " accounts, failed for " + errors.size() + " - "
                    + String.join("\n", errors));
        }
    }

    private String deleteProblem(com.fasterxml.jackson.databind.JsonNode claims, String by, java.util.List<String> keys) {
        if (!accounts.deletes()) {
            return "delete must be enabled in server config";
        }
        if (!by.equals(claims.path("iss").asText(""))) {
            return "not self signed";
        }
        if (!accounts.trust().trustsKey(by)) {
            return "not trusted";
        }
        com.fasterxml.jackson.databind.JsonNode list = claims.path("nats").path("accounts");
        if (!list.isArray()) {
            return "malformed request";
        }
        for (com.fasterxml.jackson.databind.JsonNode e : list) {
            String k = e.asText("");
            if (!e.isTextual() || io.jnatsd.auth.nkey.NKeys.typeOf(k) != io.jnatsd.auth.nkey.NKeyType.ACCOUNT) {
                return "malformed request";
            }
            if (k.equals(system.name())) {
                return "not allowed to delete system account";
            }
            keys.add(k);
        }
        return null;
    }

    /** nats-server's map-based answer: keys in sorted order. */
    private void respond(String reply, String account, String message, String error) {
        if (reply == null) {
            return;
        }
        ObjectNode m = JsonOut.object();
        ObjectNode inner = m.putObject(error == null ? "data" : "error");
        if (account != null) {
            inner.put("account", account);
        }
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
