package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerInfo;

import java.time.Duration;

/**
 * What every client connection shares with the server: options, INFO, account, authentication, registry.
 * Options, INFO and authenticator are volatile and replaced whole on a config reload, so connections that read
 * them through here (rather than keeping a copy) follow the reload without locking. Clients of another listener
 * (websocket) get a {@link #sibling}: same account and registry, their own INFO, authentication and type.
 */
public final class ClientContext {
    private volatile ServerOptions options;
    private final Account<ClientConnection> account;
    private volatile Authenticator authenticator;
    private final ClientRegistry registry;
    private volatile ServerInfo info;
    /** The client type /connz reports: "nats" or "websocket". */
    private final String type;
    /** Overrides the options' auth_timeout for this listener's clients; null = no override. */
    private volatile Duration authTimeout;

    public ClientContext(ServerOptions options, ServerInfo info, Account<ClientConnection> account,
            Authenticator authenticator) {
        this(options, info, account, authenticator, new ClientRegistry(), "nats");
    }

    private ClientContext(ServerOptions options, ServerInfo info, Account<ClientConnection> account,
            Authenticator authenticator, ClientRegistry registry, String type) {
        this.options = options;
        this.info = info;
        this.account = account;
        this.authenticator = authenticator;
        this.registry = registry;
        this.type = type;
    }

    /** A context for the clients of another listener: shares options, account and registry with this one. */
    public ClientContext sibling(String clientType, Authenticator auth, ServerInfo clientInfo) {
        return new ClientContext(options, clientInfo, account, auth, registry, clientType);
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

    public Account<ClientConnection> account() {
        return account;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Replaced by a config reload that changes the authorization block. */
    public void authenticator(Authenticator newAuthenticator) {
        authenticator = newAuthenticator;
    }

    public ClientRegistry registry() {
        return registry;
    }
}
