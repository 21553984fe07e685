package io.jnatsd.account;


import java.util.List;

/**
 * The services every account imports from the system account, as nats-server 2.9.10 sets them up: a client may ask
 * for its own account's connections and statistics on the server-wide request subjects.
 */
public final class SystemImports {
    private SystemImports() {
    }

    /** For {@code account}: local subject (the import's subject) and the system account's subject it maps to. */
    public static List<Import> of(String account, String systemAccount) {
        String base = "$SYS.REQ.ACCOUNT." + account + ".";
        return List.of(
                new Import(true, systemAccount, base + "CONNZ", "$SYS.REQ.ACCOUNT.PING.CONNZ"),
                new Import(true, systemAccount, base + "CONNZ", "$SYS.REQ.SERVER.PING.CONNZ"),
                new Import(true, systemAccount, base + "STATZ", "$SYS.REQ.ACCOUNT.PING.STATZ"));
    }
}
