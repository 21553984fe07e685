package io.jnatsd.operator;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountLimits;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.account.ResponseType;
import io.jnatsd.auth.SubjectPattern;
import io.jnatsd.auth.UserRestrictions;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;
import io.jnatsd.client.ImportRoutes;
import io.jnatsd.protocol.ErrorText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Operator mode's accounts: an account exists once the resolver has a JWT for it that a trusted operator issued.
 * It is built on first use (a login, an import naming it, the system account at start) from its claims: exports,
 * imports (those of token_req exports only with a valid activation token), limits; later JWTs pushed over the system
 * account replace exports, imports, limits and revocations of the live account. Timers (one thread) end imports
 * whose activation expires and disconnect the clients of an account whose JWT expires. Loading and updates are
 * serialized (cold path); lookups of loaded accounts are one map read.
 */
public final class OperatorAccounts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccounts.class);

    private final Accounts<ClientConnection> accounts;
    private final AccountResolver resolver;
    private final TrustedOperators trust;
    private final ClientRegistry registry;
    private final ImportRoutes routes = new ImportRoutes();
    /** The imports installed for each loaded account (by public key); guarded by this. */
    private final Map<String, List<ImportRoutes.Installed>> installed = new HashMap<>();
    /** Each loaded account's JWT expiry timer; guarded by this. */
    private final Map<String, ScheduledFuture<?>> expiries = new HashMap<>();
    private final ScheduledExecutorService timers = timerThread();
    /** Loaded accounts deleted by a claims delete request: no logins until a JWT is pushed again. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    public OperatorAccounts(Accounts<ClientConnection> accounts, AccountResolver resolver, TrustedOperators trust,
            ClientRegistry registry) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.trust = trust;
        this.registry = registry;
        java.time.Duration sweep = resolver.sweepInterval();
        if (sweep != null) {
            timers.scheduleWithFixedDelay(resolver::sweep, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ScheduledExecutorService timerThread() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                new io.netty.util.concurrent.DefaultThreadFactory("jnatsd-jwt", true));
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    public AccountResolver resolver() {
        return resolver;
    }

    /**
     * Whether a system account without a valid JWT at start runs without claims ("bootstrapping", its users cannot
     * log in until the resolver has a valid JWT for it) rather than stopping the start: all but MEMORY resolvers,
     * as in nats-server 2.9.10.
     */
    public boolean bootstrapsSystemAccount() {
        return !(resolver instanceof MemoryResolver);
    }

    /**
     * The system account while it is bootstrapping (no valid JWT loaded yet) when {@code key} names it, else null:
     * nats-server logs its users in meanwhile.
     */
    public Account<ClientConnection> bootstrapping(String key) {
        Account<ClientConnection> sys = accounts.system();
        return sys != null && sys.name().equals(key) && sys.claims() == null && bootstrapsSystemAccount() ? sys
                : null;
    }

    /** Whether the account is loaded already (a login for it then needs no resolver lookup). */
    public boolean loaded(String key) {
        Account<ClientConnection> a = accounts.get(key);
        return a != null && a.claims() != null;
    }

    /** The account with this public key, loaded from the resolver when needed; null when it cannot be had. */
    public Account<ClientConnection> account(String key) {
        if (deleted.contains(key)) {
            return null;
        }
        Account<ClientConnection> a = accounts.get(key);
        if (a != null && a.claims() != null) {
            return a;
        }
        synchronized (this) {
            return load(key);
        }
    }

    private Account<ClientConnection> load(String key) {
        Account<ClientConnection> existing = accounts.get(key);
        if (existing != null && existing.claims() != null) {
            return existing;
        }
        String jwt = resolver.fetch(key);
        if (jwt == null) {
            LOG.debug("Account \"{}\" not found by the resolver", key);
            return null;
        }
        AccountClaims claims;
        try {
            claims = trust.verify(jwt, Instant.now());
        } catch (JwtException e) {
            LOG.warn("Account \"{}\" JWT refused: {}", key, e.getMessage());
            return null;
        }
        if (!claims.publicKey().equals(key)) {
            LOG.warn("Account \"{}\" JWT is about another account", key);
            return null;
        }
        // An existing account without claims is the system account, made at start before anything resolved.
        Account<ClientConnection> a = existing != null ? existing : new Account<>(key);
        a.claims(jwt, claims, exportsOf(claims), limitsOf(claims));
        accounts.add(a);
        installImports(a, claims); // after adding: an import cycle finds this account loaded
        scheduleExpiry(a, claims);
        LOG.debug("Account \"{}\" loaded from the resolver", key);
        return a;
    }

    /** Installs the account's imports that are allowed, remembering them so an update can replace them. */
    private void installImports(Account<ClientConnection> importer, AccountClaims claims) {
        List<ImportRoutes.Installed> list = new ArrayList<>();
        installed.put(importer.name(), list);
        for (io.jnatsd.auth.jwt.Import imp : claims.imports()) {
            Account<ClientConnection> exporter = load(imp.account());
            boolean service = "service".equals(imp.type());
            io.jnatsd.auth.jwt.Export export = exporter == null ? null
                    : exportFor(exporter.claims(), service, imp);
            if (export == null || (!export.tokenRequired() && export.revocations().get(importer.name()) != null)) {
                LOG.warn("Account \"{}\" import of \"{}\" from \"{}\" not allowed, ignored", importer.name(),
                        imp.subject(), imp.account());
                continue;
            }
            long activationExpires = 0;
            if (export.tokenRequired()) {
                try {
                    activationExpires = ActivationCheck.check(imp, importer.name(), exporter.claims(), export,
                            Instant.now()).claims().expires();
                } catch (JwtException e) {
                    LOG.warn("Account \"{}\" import of \"{}\" from \"{}\" ignored: {}", importer.name(),
                            imp.subject(), imp.account(), e.getMessage());
                    continue;
                }
            }
            String local = imp.localSubject().isEmpty() ? imp.subject() : imp.localSubject();
            ImportRoutes.Installed in = routes.add(importer, exporter,
                    new Import(service, exporter.name(), imp.subject(), local));
            if (in == null) {
                continue;
            }
            list.add(in);
            if (activationExpires > 0) {
                timers.schedule(() -> activationExpired(importer.name(), imp, list, in),
                        activationExpires * 1000 - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** An activation token ran out: its import stops (unless an update replaced the imports meanwhile). */
    private synchronized void activationExpired(String importer, io.jnatsd.auth.jwt.Import imp,
            List<ImportRoutes.Installed> list, ImportRoutes.Installed in) {
        if (installed.get(importer) == list && list.remove(in)) {
            in.remove();
            LOG.warn("Account \"{}\" import of \"{}\" from \"{}\" ended: activation token expired", importer,
                    imp.subject(), imp.account());
        }
    }

    /** Replaces the imports of a loaded account with those of its current claims. */
    private void reinstallImports(Account<ClientConnection> a) {
        List<ImportRoutes.Installed> old = installed.remove(a.name());
        if (old != null) {
            old.forEach(ImportRoutes.Installed::remove);
        }
        installImports(a, a.claims());
    }

    /**
     * The export of the right type covering the import subject (nats-server: the import subject must be within an
     * export), or null.
     */
    private static io.jnatsd.auth.jwt.Export exportFor(AccountClaims exporter, boolean service,
            io.jnatsd.auth.jwt.Import imp) {
        for (io.jnatsd.auth.jwt.Export e : exporter.exports()) {
            if ("service".equals(e.type()) == service && SubjectPattern.covers(e.subject(), imp.subject())) {
                return e;
            }
        }
        return null;
    }

    /** An account JWT with {@code exp} disconnects the account's clients then, as nats-server does. */
    private void scheduleExpiry(Account<ClientConnection> a, AccountClaims claims) {
        ScheduledFuture<?> previous = expiries.remove(a.name());
        if (previous != null) {
            previous.cancel(false);
        }
        long exp = claims.claims().expires();
        if (exp > 0) {
            expiries.put(a.name(), timers.schedule(() -> accountExpired(a, claims),
                    Math.max(0, exp * 1000 - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
        }
    }

    private void accountExpired(Account<ClientConnection> a, AccountClaims claims) {
        if (a.claims() != claims) {
            return; // updated meanwhile
        }
        LOG.debug("Account \"{}\" JWT expired: disconnecting its clients", a.name());
        disconnectAll(a);
    }

    /** Closes the account's clients as an expired account's: nats-server does so at exp and on delete. */
    private void disconnectAll(Account<ClientConnection> a) {
        for (ClientConnection c : registry.snapshot()) {
            if (c.account() == a) {
                c.closeWithError(ErrorText.ACCOUNT_AUTHENTICATION_EXPIRED, "Authentication Expired");
            }
        }
    }

    static List<Export> exportsOf(AccountClaims c) {
        List<Export> out = new ArrayList<>();
        for (io.jnatsd.auth.jwt.Export e : c.exports()) {
            ResponseType rt = e.responseType().isEmpty() ? ResponseType.SINGLETON
                    : ResponseType.parse(e.responseType());
            Duration threshold = e.responseThresholdNanos() > 0 ? Duration.ofNanos(e.responseThresholdNanos())
                    : Export.DEFAULT_RESPONSE_THRESHOLD;
            out.add(new Export("service".equals(e.type()), e.subject(), List.of(),
                    rt == null ? ResponseType.SINGLETON : rt, threshold));
        }
        return out;
    }

    /** JWT limits: -1 unlimited; 0 (also a missing field) allows no connections, as in nats-server. */
    static AccountLimits limitsOf(AccountClaims c) {
        var l = c.limits();
        return new AccountLimits(clamp(l.conn()), clamp(l.subs()), clamp(l.payload()), clamp(l.leaf()));
    }

    private static int clamp(long v) {
        return v < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, v);
    }

    /**
     * A pushed account JWT: checked, stored, and applied to the live account (exports, imports, limits, expiry,
     * revocations; users revoked by it are disconnected). Accounts importing from it re-check their imports.
     */
    public AccountClaims update(String jwt) throws JwtException, IOException {
        AccountClaims claims = trust.verify(jwt, Instant.now());
        resolver.store(claims.publicKey(), jwt);
        Account<ClientConnection> live = accounts.get(claims.publicKey());
        if (live == null || !jwt.equals(live.jwt())) {
            // a deleted account comes back with a new JWT; nats-server skips the same JWT, leaving it disabled
            deleted.remove(claims.publicKey());
        }
        if (live != null && live.claims() != null) {
            synchronized (this) {
                live.claims(jwt, claims, exportsOf(claims), limitsOf(claims));
                reinstallImports(live);
                for (Account<ClientConnection> other : accounts.all()) {
                    if (other != live && other.claims() != null && importsFrom(other.claims(), live.name())) {
                        reinstallImports(other);
                    }
                }
                scheduleExpiry(live, claims);
            }
            disconnectRevoked(live, claims);
        }
        return claims;
    }

    private static boolean importsFrom(AccountClaims importer, String exporter) {
        return importer.imports().stream().anyMatch(i -> i.account().equals(exporter));
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }

    private void disconnectRevoked(Account<ClientConnection> account, AccountClaims claims) {
        Map<String, Long> revoked = claims.revocations();
        if (revoked.isEmpty()) {
            return;
        }
        for (ClientConnection c : registry.snapshot()) {
            UserRestrictions r = c.userRestrictions();
            if (c.account() == account && r != null && isRevoked(revoked, r)) {
                c.closeWithError(ErrorText.AUTHENTICATION_REVOKED, "Credentials Revoked");
            }
        }
    }

    private static boolean isRevoked(Map<String, Long> list, UserRestrictions r) {
        Long all = list.get("*");
        Long one = list.get(r.publicKey());
        return (all != null && all >= r.issuedAt()) || (one != null && one >= r.issuedAt());
    }

    public TrustedOperators trust() {
        return trust;
    }

    /**
     * Deletes an account's JWT from the resolver (allow_delete). A loaded account is disabled as nats-server 2.9.10
     * does: its clients get {@code -ERR 'Account Authentication Expired'} and are closed, new logins are refused
     * until a JWT for it is pushed again.
     */
    public boolean delete(String key) throws IOException {
        boolean had = resolver.delete(key);
        Account<ClientConnection> a = accounts.get(key);
        if (a != null && a.claims() != null) {
            deleted.add(key);
            synchronized (this) {
                ScheduledFuture<?> expiry = expiries.remove(key);
                if (expiry != null) {
                    expiry.cancel(false);
                }
            }
            LOG.debug("Account \"{}\" deleted: disconnecting its clients", key);
            disconnectAll(a);
        }
        return had;
    }

    /** Whether the resolver deletes on request: a directory with allow_delete. */
    public boolean deletes() {
        return resolver instanceof DirectoryResolver d && d.allowsDelete();
    }
}
