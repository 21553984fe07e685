package io.jnatsd.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A full resolver's contents as nats-server's {@code $SYS.REQ.CLAIMS.PACK} sends them: one {@code <pubkey>|<jwt>}
 * entry per account (sorted by key), and a hash of the whole (the XOR of each JWT's SHA-256) that a requester
 * sends to learn it has the same JWTs already.
 */
public final class ResolverPack {
    private final List<String> entries;
    private final byte[] hash;

    private ResolverPack(List<String> entries, byte[] hash) {
        this.entries = entries;
        this.hash = hash;
    }

    public static ResolverPack of(AccountResolver resolver) {
        List<String> entries = new ArrayList<>();
        byte[] hash = new byte[32];
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String key : new TreeSet<>(resolver.accounts())) {
            String jwt = resolver.fetch(key);
            if (jwt == null) {
                continue; // deleted meanwhile
            }
            entries.add(key + "|" + jwt);
            byte[] h = sha.digest(jwt.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < hash.length; i++) {
                hash[i] ^= h[i];
            }
        }
        return new ResolverPack(List.copyOf(entries), hash);
    }

    /** {@code <pubkey>|<jwt>} per account, sorted by key. */
    public List<String> entries() {
        return entries;
    }

    /** The account keys, sorted. */
    public List<String> keys() {
        return entries.stream().map(e -> e.substring(0, e.indexOf('|'))).toList();
    }

    public byte[] hash() {
        return hash.clone();
    }
}
