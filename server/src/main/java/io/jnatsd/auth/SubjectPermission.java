package io.jnatsd.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The allow and deny lists of one direction (publish or subscribe). A null allow list allows everything; deny wins
 * over allow. Subscribe entries may carry a queue ("subject queue"): with a queue, entries that name a queue decide
 * (as in nats-server: a queue entry for the subject overrides a plain one), otherwise plain entries do.
 */
public final class SubjectPermission {
    private final List<Entry> allow;
    private final List<Entry> deny;

    /** One entry: subject pattern tokens and an optional queue pattern. */
    record Entry(String[] subject, String queue) {
        static Entry parse(String text) {
            String t = text.trim();
            int sp = t.indexOf(' ');
            if (sp < 0) {
                return new Entry(t.split("\\.", -1), null);
            }
            return new Entry(t.substring(0, sp).split("\\.", -1), t.substring(sp + 1).trim());
        }
    }

    /** {@code allow} null = everything allowed; {@code deny} null or empty = nothing denied. */
    public SubjectPermission(List<String> allow, List<String> deny) {
        this.allow = allow == null ? null : parse(allow);
        this.deny = deny == null ? List.of() : parse(deny);
    }

    private static List<Entry> parse(List<String> texts) {
        List<Entry> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(Entry.parse(t));
        }
        return List.copyOf(out);
    }

    /** Whether {@code subject} (possibly with wildcards, for subscriptions) with {@code queue} (or null) is allowed. */
    public boolean permits(String subject, String queue) {
        String[] tokens = subject.split("\\.", -1);
        if (allow != null && !matches(allow, tokens, queue)) {
            return false;
        }
        return deny.isEmpty() || !matches(deny, tokens, queue);
    }

    /**
     * nats-server's rule: plain entries matching the subject count; with a queue, if any queue entries match the
     * subject, the answer is whether one of them matches the queue.
     */
    private static boolean matches(List<Entry> entries, String[] subject, String queue) {
        boolean plain = false;
        boolean queueEntries = false;
        boolean queueMatch = false;
        for (Entry e : entries) {
            if (!SubjectPattern.covers(e.subject(), subject)) {
                continue;
            }
            if (e.queue() == null) {
                plain = true;
            } else {
                queueEntries = true;
                if (queue != null && SubjectPattern.covers(e.queue().split("\\.", -1), queue.split("\\.", -1))) {
                    queueMatch = true;
                }
            }
        }
        if (queue != null && queueEntries) {
            return queueMatch;
        }
        return plain;
    }

    public List<String> allowList() {
        return allow == null ? null : allow.stream().map(SubjectPermission::text).toList();
    }

    public List<String> denyList() {
        return deny.stream().map(SubjectPermission::text).toList();
    }

    private static String text(Entry e) {
        return String.join(".", e.subject()) + (e.queue() == null ? "" : " " + e.queue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectPermission p && java.util.Objects.equals(allowList(), p.allowList())
                && denyList().equals(p.denyList());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(allowList(), denyList());
    }
}
