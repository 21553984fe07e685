package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The route pooling fields of a route INFO (nats-server 2.10): how many connections the sender keeps per peer, which
 * one of them this connection is, or the account it is dedicated to. Omitted from the JSON when zero / absent, as
 * nats-server's {@code omitempty}.
 *
 * @param size    {@code route_pool_size}: 0 = the sender does not pool (2.9 and older, or {@code pool_size: -1})
 * @param index   {@code route_pool_idx}: this connection's place in the pool
 * @param account {@code route_account}: the account this connection is dedicated to, null for a pooled one
 */
record RoutePool(int size, int index, String account) {
    static final RoutePool NONE = new RoutePool(0, 0, null);

    void render(ObjectNode o) {
        if (size > 0) {
            o.put("route_pool_size", size);
        }
        if (index > 0) {
            o.put("route_pool_idx", index);
        }
        if (account != null) {
            o.put("route_account", account);
        }
    }

    /**
     * nats-server's pinning rule: an account's pooled connection is the 32-bit FNV-1a hash of its name modulo the
     * pool size, so both ends pick the same connection.
     */
    static int indexOf(String account, int poolSize) {
        if (poolSize <= 1) {
            return 0;
        }
        int h = 0x811c9dc5;
        byte[] b = account.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte x : b) {
            h ^= x & 0xff;
            h *= 0x01000193;
        }
        return (int) (Integer.toUnsignedLong(h) % poolSize);
    }
}
