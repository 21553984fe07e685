package io.jnatsd.account;

/** {@code limits {}} of a configured account; -1 = unlimited (the server-wide limits still apply). */
public record AccountLimits(int maxConnections, int maxSubscriptions, int maxPayload, int maxLeafNodes) {
    public static final AccountLimits NONE = new AccountLimits(-1, -1, -1, -1);
}
