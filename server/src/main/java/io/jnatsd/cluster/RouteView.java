package io.jnatsd.cluster;

import io.jnatsd.auth.SubjectPermission;

import java.util.List;

/**
 * One registered route as monitoring shows it (/routez): a snapshot read without locks, possibly a moment stale.
 *
 * @param imports the peer's route import permissions as its INFO told (null: none)
 * @param exports the peer's route export permissions as its INFO told (null: none)
 * @param poolIdx this connection's index in the pool with the peer, -1 when not pooled or dedicated to an account
 * @param account the account this connection is dedicated to, null if none
 */
public record RouteView(long rid, String remoteId, String remoteName, boolean didSolicit, boolean isConfigured,
        String ip, int port, long startEpochNanos, long lastActivityEpochNanos, long rttNanos, long inMsgs,
        long outMsgs, long inBytes, long outBytes, int subscriptions, int pendingBytes, List<String> subjects,
        SubjectPermission imports, SubjectPermission exports, int poolIdx, String account) {
    RouteView(RouteConnection r) {
        this(r.id(), r.remoteId(), r.info() == null ? "" : r.info().serverName(), r.solicited(),
                r.solicited() && r.solicitor().explicit(), host(r.remoteAddress()), port(r.remoteAddress()),
                r.startEpochNanos(), r.lastActivityEpochNanos(), r.rttNanos(), r.inMsgs, r.outbound().outMsgs,
                r.inBytes, r.outbound().outBytes, r.interestCount(), r.outbound().pending(), r.subjects(),
                r.info() == null ? null : r.info().security().imports(),
                r.info() == null ? null : r.info().security().exports(),
                r.poolSize() == 0 || r.routeAccount() != null ? -1 : r.poolIndex(), r.routeAccount());
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
