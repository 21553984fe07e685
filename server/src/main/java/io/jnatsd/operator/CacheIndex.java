package io.jnatsd.operator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cache resolver keeps, as nats-server's cache resolver does: each account JWT for {@code ttl} after it was
 * stored or last read (0 = no ttl), and at most {@code limit} of them, the least recently used going first. Not thread-safe:
 * the resolver guards it.
 */
final class CacheIndex {
    private final long ttlMillis;
    private final int limit;
    /** Account key to the time its entry expires, least recently used first. */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);

    CacheIndex(long ttlMillis, int limit) {
        this.ttlMillis = ttlMillis;
        this.limit = limit;
    }

    /** Records a stored (or found) entry; returns the keys evicted to stay within the limit. */
    List<String> put(String key, long nowMillis) {
        entries.put(key, expiresAt(nowMillis));
        List<String> evicted = new ArrayList<>();
        Iterator<String> eldest = entries.keySet().iterator();
        while (limit > 0 && entries.size() > limit && eldest.hasNext()) {
            String k = eldest.next();
            if (!k.equals(key)) {
                eldest.remove();
                evicted.add(k);
            }
        }
        return evicted;
    }

    /** Whether the entry is live; a read renews its ttl. False when expired or never recorded. */
    boolean touch(String key, long nowMillis) {
        Long expires = entries.get(key);
        if (expires == null || expires <= nowMillis) {
            return false;
        }
        entries.put(key, expiresAt(nowMillis));
        return true;
    }

    /** A ttl of 0 keeps entries until evicted by the limit. */
    private long expiresAt(long nowMillis) {
        return ttlMillis <= 0 ? Long.MAX_VALUE : nowMillis + ttlMillis;
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    void remove(String key) {
        entries.remove(key);
    }

    /** Removes and returns the keys whose ttl has passed. */
    List<String> expire(long nowMillis) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() <= nowMillis) {
                it.remove();
                out.add(e.getKey());
            }
        }
        return out;
    }
}
