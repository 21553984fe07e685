package io.jnatsd.auth;

import java.util.HashMap;

/**
 * Per-connection memo of subject → allowed for publishing, so a permitted publisher pays one hash lookup after its
 * first message to a subject. Bounded: cleared when full, which is cheaper than LRU bookkeeping and only costs a
 * re-check. Owner loop only, so not thread-safe.
 */
public final class PermissionCache {
    static final int MAX_ENTRIES = 128;

    private final SubjectPermission permission;
    private final HashMap<String, Boolean> results = new HashMap<>();

    public PermissionCache(SubjectPermission permission) {
        this.permission = permission;
    }

    public boolean permits(String subject) {
        Boolean r = results.get(subject);
        if (r == null) {
            if (results.size() >= MAX_ENTRIES) {
                results.clear();
            }
            r = permission.permits(subject, null);
            results.put(subject, r);
        }
        return r;
    }

    int size() {
        return results.size();
    }
}
