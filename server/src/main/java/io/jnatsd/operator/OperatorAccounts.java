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
import java.util.List;
import java.util.Map;

/**
 * Operator mode's accounts: an account exists once the resolver has a JWT for it that a trusted operator issued.
 * It is built on first use (a login, an import naming it, the system account at start) from its claims: exports,
 * imports, limits; later JWTs pushed over the system account update exports, limits and revocations of the live
 * account. Loading is serialized (cold path); lookups of loaded accounts are one map read.
 */
public final class OperatorAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccounts.class);

    private final Accounts<ClientConnection> accounts;
    private final AccountResolver resolver;
    private final TrustedOperators trust;
    private final ClientRegistry registry;
    private final ImportRoutes routes = new ImportRoutes();

    public OperatorAccounts(Accounts<ClientConnection> accounts, AccountResolver resolver, TrustedOperators trust,
            ClientRegistry registry) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.trust = trust;
        this.registry = registry;
    }

    public AccountResolver resolver() {
        return resolver;
    }

    /** Whether the account is loaded already (a login for it then needs no resolver lookup). */
    public boolean loaded(String key) {
        Account<ClientConnection> a = accounts.get(key);
        return a != null && a.claims() != null;
    }

    /** The account with this public key, loaded from the resolver when needed; null when it cannot be had. */
    public Account<ClientConnection> account(String key) {
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
        LOG.debug("Account \"{}\" loaded from the resolver", key);
        return a;
    }

    private void installImports(Account<ClientConnection> importer, AccountClaims claims) {
        for (io.jnatsd.auth.jwt.Import imp : claims.imports()) {
            Account<ClientConnection> exporter = load(imp.account());
            boolean service = "service".equals(imp.type());
            if (exporter == null || !exportAllows(exporter.claims(), service, imp, importer.name())) {
                LOG.warn("Account \"{}\" import of \"{}\" from \"{}\" not allowed, ignored", importer.name(),
                        imp.subject(), imp.account());
                continue;
            }
            String local = imp.localSubject().isEmpty() ? imp.subject() : imp.localSubject();
            routes.add(importer, exporter, new Import(service, exporter.name(), imp.subject(), local));
        }
    }

    /** A public export of the right type covering the subject, not revoked for the importer. */
    private static boolean exportAllows(AccountClaims exporter, boolean service, io.jnatsd.auth.jwt.Import imp,
            String importer) {
        for (io.jnatsd.auth.jwt.Export e : exporter.exports()) {
            if ("service".equals(e.type()) == service && SubjectPattern.covers(e.subject(), imp.subject())) {
                if (e.tokenRequired()) {
                    return false; // activation tokens are not supported (docs/security.md)
                }
                Long revokedAt = e.revocations().get(importer);
                return revokedAt == null;
            }
        }
        return false;
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
     * A pushed account JWT: checked, stored, and applied to the live account (exports, limits, revocations; users
     * revoked by it are disconnected). Import changes apply to accounts loaded afterwards only.
     */
    public AccountClaims update(String jwt) throws JwtException, IOException {
        AccountClaims claims = trust.verify(jwt, Instant.now());
        resolver.store(claims.publicKey(), jwt);
        Account<ClientConnection> live = accounts.get(claims.publicKey());
        if (live != null && live.claims() != null) {
            synchronized (this) {
                live.claims(jwt, claims, exportsOf(claims), limitsOf(claims));
            }
            disconnectRevoked(live, claims);
        }
        return claims;
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

    /** Deletes an account's JWT from the resolver (allow_delete); the live account stays until restart. */
    public boolean delete(String key) throws IOException {
        return resolver.delete(key);
    }

    /** Whether the resolver deletes on request: a directory with allow_delete. */
    public boolean deletes() {
        return resolver instanceof DirectoryResolver d && d.allowsDelete();
    }
}
