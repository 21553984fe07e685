package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerInfo;

/** What every client connection shares with the server: options, INFO, account, authentication, registry. */
public final class ClientContext {
    private final ServerOptions options;
    private final Account<ClientConnection> account;
    private final Authenticator authenticator;
    private final ClientRegistry registry = new ClientRegistry();
    private volatile ServerInfo info;

    public ClientContext(ServerOptions options, ServerInfo info, Account<ClientConnection> account,
            Authenticator authenticator) {
        this.options = options;
        this.info = info;
        this.account = account;
        this.authenticator = authenticator;
    }

    public ServerOptions options() {
        return options;
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

    public ClientRegistry registry() {
        return registry;
    }
}
