package io.jnatsd.account;

import io.jnatsd.subject.transform.SubjectMappings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's accounts by name: the global account {@code $G} (for clients without a configured account), the
 * configured ones, and the system account ({@code $SYS} unless {@code system_account} names a configured one, none
 * with {@code no_system_account}). Built at start; in operator mode accounts are {@link #add added} when first
 * resolved. Lookups are one concurrent map read.
 *
 * @param <C> the client type
 */
public final class Accounts<C> {
    private final Map<String, Account<C>> byName = new ConcurrentHashMap<>();
    /** Creation order, for listings. */
    private final List<Account<C>> ordered = new CopyOnWriteArrayList<>();
    private final Account<C> global;
    private final List<java.util.function.Consumer<Account<C>>> addedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Account<C> system;

    /**
     * @param systemAccount the system account's name ({@code $SYS} or a configured account), null for none
     */
    public Accounts(List<AccountConfig> configured, String systemAccount) {
        global = new Account<>(Account.GLOBAL);
        put(global);
        for (AccountConfig c : configured) {
            Account<C> a = new Account<>(c.name(), c.exports(), c.limits());
            a.mappings(SubjectMappings.of(c.mappings()));
            put(a);
        }
        if (systemAccount == null) {
            system = null;
        } else {
            Account<C> existing = byName.get(systemAccount);
            system = existing != null ? existing : new Account<>(systemAccount);
            if (existing == null) {
                put(system);
            }
        }
    }

    private void put(Account<C> a) {
        byName.put(a.name(), a);
        ordered.add(a);
    }

    /** Adds an account at runtime (operator mode); returns the one already there when another thread was first. */
    public Account<C> add(Account<C> a) {
        synchronized (this) {
            Account<C> existing = byName.get(a.name());
            if (existing != null) {
                return existing;
            }
            put(a);
        }
        for (java.util.function.Consumer<Account<C>> l : addedListeners) {
            l.accept(a); // outside the lock: listeners subscribe in the new account
        }
        return a;
    }

    /** Told of every account added at runtime (the cluster announces its interest, the system imports it). */
    public void onAdded(java.util.function.Consumer<Account<C>> listener) {
        addedListeners.add(listener);
    }

    /** Only the global account and the default system account. */
    public static <C> Accounts<C> defaults() {
        return new Accounts<>(List.of(), Account.SYSTEM);
    }

    public Account<C> global() {
        return global;
    }

    /** Null when the server runs without a system account. */
    public Account<C> system() {
        return system;
    }

    /** The named account, the global one for null; null when there is no such account. */
    public Account<C> get(String name) {
        return name == null ? global : byName.get(name);
    }

    /** Every account, in the order nats-server lists them: $G, the configured ones, then $SYS. */
    public Collection<Account<C>> all() {
        List<Account<C>> out = new ArrayList<>(ordered);
        if (system != null && system.name().equals(Account.SYSTEM)) {
            out.remove(system);
            out.add(system);
        }
        return Collections.unmodifiableList(out);
    }
}
