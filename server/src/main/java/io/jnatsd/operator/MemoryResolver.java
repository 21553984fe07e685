package io.jnatsd.operator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code resolver: MEMORY}: the preloaded account JWTs only; updates over the system account are not taken. */
final class MemoryResolver implements AccountResolver {
    private final Map<String, String> jwts = new ConcurrentHashMap<>();

    @Override
    public String fetch(String accountKey) {
        return jwts.get(accountKey);
    }

    @Override
    public void store(String accountKey, String jwt) {
        jwts.put(accountKey, jwt);
    }

    @Override
    public boolean delete(String accountKey) {
        return jwts.remove(accountKey) != null;
    }

    @Override
    public boolean acceptsUpdates() {
        return false;
    }

    @Override
    public List<String> accounts() {
        return List.copyOf(jwts.keySet());
    }
}
