package io.jnatsd.protocol;

import java.io.IOException;

/** A client's CONNECT options (wire names in {@link ConnectJson}); absent fields keep nats-server's defaults. */
public final class ConnectOptions {
    public boolean verbose;
    public boolean pedantic;
    public boolean tlsRequired;
    public String authToken;
    public String user;
    public String pass;
    public String nkey;
    public String sig;
    public String jwt;
    public String name;
    public String lang;
    public String version;
    public int protocol;
    public boolean echo = true;
    public boolean headers;
    public boolean noResponders;
    public String account;
    public boolean newAccount;

    /** The options a client has before it sends CONNECT (nats-server: verbose and pedantic on). */
    public static ConnectOptions beforeConnect() {
        ConnectOptions o = new ConnectOptions();
        o.verbose = true;
        o.pedantic = true;
        return o;
    }

    private ConnectOptions copy() {
        ConnectOptions c = new ConnectOptions();
        c.verbose = verbose;
        c.pedantic = pedantic;
        c.tlsRequired = tlsRequired;
        c.authToken = authToken;
        c.user = user;
        c.pass = pass;
        c.nkey = nkey;
        c.sig = sig;
        c.jwt = jwt;
        c.name = name;
        c.lang = lang;
        c.version = version;
        c.protocol = protocol;
        c.echo = echo;
        c.headers = headers;
        c.noResponders = noResponders;
        c.account = account;
        c.newAccount = newAccount;
        return c;
    }

    /**
     * Applies a CONNECT's JSON on top of {@code current}, as nats-server does: fields the JSON leaves out keep their
     * values (so verbose and pedantic stay on unless turned off), and {@code null} changes nothing.
     *
     * @throws IOException when the JSON is malformed or a field has the wrong type
     */
    public static ConnectOptions parse(byte[] b, int off, int len, ConnectOptions current) throws IOException {
        if (len == 0) {
            throw new IOException("empty CONNECT");
        }
        ConnectOptions updated = current.copy();
        return ConnectJson.read(b, off, len, updated) ? updated : null;
    }
}
