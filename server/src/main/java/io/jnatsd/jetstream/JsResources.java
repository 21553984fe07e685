package io.jnatsd.jetstream;

import io.jnatsd.account.JetStreamAccountLimits;

import java.util.List;
import java.util.function.Supplier;

/**
 * Account and server JetStream limits as nats-server 2.9.10 applies them: on stream create/update the number of
 * streams (10027) and the bytes streams reserve with {@code max_bytes} (10028 memory, 10047 file); on every stored
 * message the bytes in use (10002 for the account, 10023 for the server).
 */
final class JsResources {
    static final JsError MAX_STREAMS = new JsError(400, 10027, "maximum number of streams reached");
    static final JsError NO_MEMORY = new JsError(500, 10028, "insufficient memory resources available");
    static final JsError NO_STORAGE = new JsError(500, 10047, "insufficient storage resources available");
    static final JsError ACCOUNT_EXCEEDED = new JsError(400, 10002, "resource limits exceeded for account");
    static final JsError INSUFFICIENT = new JsError(503, 10023, "insufficient resources");

    private final JsServerLimits server;
    private final Supplier<List<AccountStreams>> accounts;

    JsResources(JsServerLimits server, Supplier<List<AccountStreams>> accounts) {
        this.server = server;
        this.accounts = accounts;
    }

    JsServerLimits server() {
        return server;
    }

    /** Before creating ({@code replacing} null) or updating a stream; throws nats-server's error. */
    void checkCreate(AccountStreams acc, StreamConfig c, JsStream replacing) {
        JetStreamAccountLimits l = acc.limits();
        if (replacing == null && l.maxStreams() >= 0 && acc.liveStreams().size() >= l.maxStreams()) {
            throw new JsException(MAX_STREAMS);
        }
        if (c.maxBytes() <= 0) {
            return;
        }
        boolean mem = c.memory();
        long accountMax = mem ? l.maxMemory() : l.maxStore();
        if (accountMax >= 0 && reserved(List.of(acc), mem, replacing) + c.maxBytes() > accountMax) {
            throw new JsException(mem ? NO_MEMORY : NO_STORAGE);
        }
        long serverMax = mem ? server.maxMemory : server.maxStore;
        if (reserved(accounts.get(), mem, replacing) + c.maxBytes() > serverMax) {
            throw new JsException(mem ? NO_MEMORY : NO_STORAGE);
        }
    }

    /** Before storing {@code size} more bytes in a stream of the account; null when it fits. */
    JsError checkStore(AccountStreams acc, boolean memory, long size) {
        JetStreamAccountLimits l = acc.limits();
        long accountMax = memory ? l.maxMemory() : l.maxStore();
        if (accountMax >= 0 && used(List.of(acc), memory) + size > accountMax) {
            return ACCOUNT_EXCEEDED;
        }
        if ((memory ? server.memoryConfigured : server.storeConfigured)
                && used(accounts.get(), memory) > (memory ? server.maxMemory : server.maxStore)) {
            return INSUFFICIENT;
        }
        return null;
    }

    static long reserved(List<AccountStreams> in, boolean memory, JsStream except) {
        long sum = 0;
        for (AccountStreams a : in) {
            for (JsStream s : a.liveStreams()) {
                if (s != except && s.config().memory() == memory && s.config().maxBytes() > 0) {
                    sum += s.config().maxBytes();
                }
            }
        }
        return sum;
    }

    static long used(List<AccountStreams> in, boolean memory) {
        long sum = 0;
        for (AccountStreams a : in) {
            for (JsStream s : a.liveStreams()) {
                if (s.config().memory() == memory) {
                    sum += s.store().bytes();
                }
            }
        }
        return sum;
    }
}
