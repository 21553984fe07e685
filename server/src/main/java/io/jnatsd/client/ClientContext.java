package io.jnatsd.client;

import io.jnatsd.account.Accounts;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.CredentialCheckPool;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerInfo;

import java.time.Duration;

/**
 * What every client connection shares with the server: options, INFO, accounts, authentication (and the
 * pool for slow credential checks), registry, connection events.
 * Options, INFO and authenticator are volatile and replaced whole on a config reload, so connections that read
 * them through here (rather than keeping a copy) follow the reload without locking. Clients of another listener
 * (websocket) get a {@link #sibling}: same account and registry, their own INFO, authentication and type.
 */
public final class ClientContext {
    private volatile ServerOptions options;
    private final Accounts<ClientConnection> accounts;
    private volatile Authenticator authenticator;
    private final ClientRegistry registry;
    private volatile ServerInfo info;
    /** Shared with siblings: one system account listener and one credential pool per server. */
    private final java.util.concurrent.atomic.AtomicReference<ConnectionEvents> events;
    private final CredentialCheckPool credentialChecks;
    /** The client type /connz reports: "nats" or "websocket". */
    private final String type;
    /** The cluster's routes; null without a cluster (set once, before the listeners accept anyone). */
    private volatile RouteFanout routes;
    /** Overrides the options' auth_timeout for this listener's clients; null = no override. */
    private volatile Duration authTimeout;

    public ClientContext(ServerOptions options, ServerInfo info, Accounts<ClientConnection> accounts,
            Authenticator authenticator) {
        this(options, info, accounts, authenticator, new ClientRegistry(), "nats",
                new java.util.concurrent.atomic.AtomicReference<>(ConnectionEvents.NONE), new CredentialCheckPool());
    }

    private ClientContext(ServerOptions options, ServerInfo info, Accounts<ClientConnection> accounts,
            Authenticator authenticator, ClientRegistry registry, String type,
            java.util.concurrent.atomic.AtomicReference<ConnectionEvents> events, CredentialCheckPool credentialChecks) {
        this.options = options;
        this.info = info;
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.registry = registry;
        this.type = type;
        this.events = events;
        this.credentialChecks = credentialChecks;
    }

    /** A context for the clients of another listener: shares options, accounts, registry and events with this one. */
    public ClientContext sibling(String clientType, Authenticator auth, ServerInfo clientInfo) {
        ClientContext c = new ClientContext(options, clientInfo, accounts, auth, registry, clientType, events,
                credentialChecks);
        c.routes = routes;
        return c;
    }

    public RouteFanout routes() {
        return routes;
    }

    /** Set before the listeners start; siblings created later share it. */
    public void routes(RouteFanout r) {
        routes = r;
    }

    public String type() {
        return type;
    }

    /** How long a client has to authenticate: the override, else the options' auth_timeout. */
    public Duration authTimeout() {
        Duration d = authTimeout;
        return d != null ? d : options.authTimeout();
    }

    public void authTimeout(Duration override) {
        authTimeout = override;
    }

    public ServerOptions options() {
        return options;
    }

    /** Replaced by a config reload. */
    public void options(ServerOptions newOptions) {
        options = newOptions;
    }

    public ServerInfo info() {
        return info;
    }

    public void info(ServerInfo newInfo) {
        info = newInfo;
    }

    public Accounts<ClientConnection> accounts() {
        return accounts;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Replaced by a config reload that changes the authorization block. */
    public void authenticator(Authenticator newAuthenticator) {
        authenticator = newAuthenticator;
    }

    public ConnectionEvents events() {
        return events.get();
    }

    /** Set once the system account's services run (for this context and its siblings). */
    public void events(ConnectionEvents e) {
        events.set(e);
    }

    /** Where slow credential checks (bcrypt) run, off the event loops. Closed with the server. */
    public CredentialCheckPool credentialChecks() {
        return credentialChecks;
    }

    public ClientRegistry registry() {
        return registry;
    }
}
