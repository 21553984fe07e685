package io.jnatsd.monitor;

import java.util.Comparator;

/**
 * The {@code sort} values of /connz and their directions as nats-server 2.9.10 applies them: counters and activity
 * largest first, uptime shortest first, cid and start oldest first. Ties go by cid, so paging is repeatable.
 */
enum ConnSort {
    CID("cid"),
    START("start"),
    SUBS("subs"),
    PENDING("pending"),
    MSGS_TO("msgs_to"),
    MSGS_FROM("msgs_from"),
    BYTES_TO("bytes_to"),
    BYTES_FROM("bytes_from"),
    LAST("last"),
    IDLE("idle"),
    UPTIME("uptime"),
    STOP("stop"),
    REASON("reason"),
    RTT("rtt");

    final String key;

    ConnSort(String key) {
        this.key = key;
    }

    static ConnSort parse(String v) throws BadRequest {
        if (v == null || v.isEmpty()) {
            return CID;
        }
        for (ConnSort s : values()) {
            if (s.key.equals(v)) {
                return s;
            }
        }
        throw new BadRequest("invalid sorting option: " + v);
    }

    /** Stop and reason exist only for closed connections. */
    boolean closedOnly() {
        return this == STOP || this == REASON;
    }

    Comparator<ConnRecord> comparator(long now) {
        Comparator<ConnRecord> byCid = Comparator.comparingLong(r -> r.cid);
        Comparator<ConnRecord> c;
        switch (this) {
            case CID:
            case START: // cids are handed out in accept order
                return byCid;
            case SUBS:
                c = Comparator.<ConnRecord>comparingInt(r -> r.subscriptions).reversed();
                break;
            case PENDING:
                c = Comparator.<ConnRecord>comparingInt(r -> r.pendingBytes).reversed();
                break;
            case MSGS_TO:
                c = Comparator.<ConnRecord>comparingLong(r -> r.outMsgs).reversed();
                break;
            case MSGS_FROM:
                c = Comparator.<ConnRecord>comparingLong(r -> r.inMsgs).reversed();
                break;
            case BYTES_TO:
                c = Comparator.<ConnRecord>comparingLong(r -> r.outBytes).reversed();
                break;
            case BYTES_FROM:
                c = Comparator.<ConnRecord>comparingLong(r -> r.inBytes).reversed();
                break;
            case LAST:
                c = Comparator.<ConnRecord>comparingLong(r -> r.lastActivity).reversed();
                break;
            case IDLE:
                c = Comparator.<ConnRecord>comparingLong(r -> r.idleNanos(now)).reversed();
                break;
            case UPTIME:
                c = Comparator.comparingLong(r -> r.uptimeNanos(now));
                break;
            case STOP:
                c = Comparator.<ConnRecord>comparingLong(r -> r.stop).reversed();
                break;
            case REASON:
                c = Comparator.comparing(r -> r.reason == null ? "" : r.reason);
                break;
            case RTT:
                c = Comparator.<ConnRecord>comparingLong(r -> r.rtt).reversed();
                break;
            default:
                throw new AssertionError(this);
        }
        return c.thenComparing(byCid);
    }
}
