package io.jnatsd.cluster;

import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This server's "shadow" queue subscriptions: queue groups of an importing account seen as the same groups on the
 * exported subject in the exporting account. A message published here whose stream import reaches a local member
 * of such a group is not also sent to a route for that group. Changed under {@link ClusterInterest}'s monitor,
 * matched without locks on the (clustered) message path.
 */
final class LocalShadows {
    private static final byte[] NO_SID = new byte[0];

    private final ConcurrentHashMap<String, SubjectIndex<String>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Shadow> live = new HashMap<>();

    private static final class Shadow {
        final Subscription<String> sub;
        int count;

        Shadow(Subscription<String> sub) {
            this.sub = sub;
        }
    }

    void add(String account, String subject, String queue) {
        Shadow s = live.computeIfAbsent(account + ' ' + subject + ' ' + queue, k -> {
            Subscription<String> sub = new Subscription<>(queue, subject.getBytes(StandardCharsets.UTF_8), queue,
                    NO_SID);
            byAccount.computeIfAbsent(account, a -> new SubjectIndex<>()).insert(sub);
            return new Shadow(sub);
        });
        s.count++;
    }

    void remove(String account, String subject, String queue) {
        String key = account + ' ' + subject + ' ' + queue;
        Shadow s = live.get(key);
        if (s != null && --s.count == 0) {
            live.remove(key);
            s.sub.closed = true;
            byAccount.get(account).remove(s.sub);
        }
    }

    /** Whether a local member of {@code queue} takes a message on this subject of the account through an import. */
    boolean serves(String account, byte[] b, int off, int len, String queue) {
        SubjectIndex<String> index = byAccount.get(account);
        if (index == null) {
            return false;
        }
        MatchResult<String> r = index.match(b, off, len);
        Subscription<String>[][] groups = r.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].length > 0 && queue.equals(groups[g][0].queue())) {
                return true;
            }
        }
        return false;
    }
}
