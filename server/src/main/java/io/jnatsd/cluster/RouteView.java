package io.jnatsd.cluster;

/**
 * One registered route as monitoring shows it (/routez): a snapshot read without locks, possibly a moment stale.
 */
public record RouteView(long rid, String remoteId, String remoteName, boolean didSolicit, boolean isConfigured,
        String ip, int port, long startEpochMillis, long inMsgs, long outMsgs, long inBytes, long outBytes,
        int subscriptions, int pendingBytes) {
    RouteView(RouteConnection r) {
        this(r.id(), r.remoteId(), r.info() == null ? "" : r.info().serverName(), r.solicited(),
                r.solicited() && r.solicitor().explicit(), host(r.remoteAddress()), port(r.remoteAddress()),
                r.startEpochMillis(), r.inMsgs, r.outbound().outMsgs, r.inBytes, r.outbound().outBytes,
                r.interestCount(), r.outbound().pending());
    }

    private static String host(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        return i < 0 ? hostPort : hostPort.substring(0, i);
    }

    private static int port(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        try {
            return i < 0 ? 0 : Integer.parseInt(hostPort.substring(i + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
