package io.jnatsd.client;

import io.jnatsd.account.Accounts;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.CredentialCheckPool;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerInfo;

/**
 * What every client connection shares with the server: options, INFO, accounts, authentication (and the
 * pool for slow credential checks), registry, connection events.
 * Options, INFO and authenticator are volatile and replaced whole on a config reload, so connections that read
 * them through here (rather than keeping a copy) follow the reload without locking.
 */
public final class ClientContext {
    private volatile ServerOptions options;
    private final Accounts<ClientConnection> accounts;
    private volatile Authenticator authenticator;
    private final ClientRegistry registry = new ClientRegistry();
    private volatile ServerInfo info;
    private volatile ConnectionEvents events = ConnectionEvents.NONE;
    private final CredentialCheckPool credentialChecks = new CredentialCheckPool();

    public ClientContext(ServerOptions options, ServerInfo info, Accounts<ClientConnection> accounts,
            Authenticator authenticator) {
        this.options = options;
        this.info = info;
        this.accounts = accounts;
        this.authenticator = authenticator;
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
        return events;
    }

    /** Set once the system account's services run. */
    public void events(ConnectionEvents e) {
        events = e;
    }

    /** Where slow credential checks (bcrypt) run, off the event loops. Closed with the server. */
    public CredentialCheckPool credentialChecks() {
        return credentialChecks;
    }

    public ClientRegistry registry() {
        return registry;
    }
}
