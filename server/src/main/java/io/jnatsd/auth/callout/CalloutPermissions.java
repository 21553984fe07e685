package io.jnatsd.auth.callout;

import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.auth.User;
import io.jnatsd.auth.jwt.Permission;
import io.jnatsd.auth.jwt.ResponsePermission;
import io.jnatsd.auth.jwt.UserPermissionLimits;

import java.util.ArrayList;
import java.util.List;

/** Permissions of callout users: from their user JWT, and the callout account's guard on the request subject. */
final class CalloutPermissions {
    private CalloutPermissions() {
    }

    /** The pub/sub/resp of a user JWT; null when it restricts nothing. Empty allow lists mean "not set". */
    static Permissions of(UserPermissionLimits l) {
        SubjectPermission pub = subjects(l.pub());
        SubjectPermission sub = subjects(l.sub());
        ResponsePermission r = l.resp();
        if (pub == null && sub == null && r == null) {
            return null;
        }
        int max = r == null ? 0 : r.max() == 0 ? Permissions.DEFAULT_RESPONSE_MAX : r.max();
        var ttl = r == null || r.ttl().isZero() ? Permissions.DEFAULT_RESPONSE_EXPIRES : r.ttl();
        return new Permissions(pub, sub, max, ttl);
    }

    private static SubjectPermission subjects(Permission p) {
        if (p == null || p.isEmpty()) {
            return null;
        }
        return new SubjectPermission(p.allow().isEmpty() ? null : p.allow(), p.deny());
    }

    /**
     * As nats-server: a client logged in to the callout account may not publish to the request subject, so it cannot
     * forge requests to the service.
     */
    static User denyRequests(User u) {
        Permissions p = u.permissions();
        SubjectPermission pub = p == null ? null : p.publish();
        List<String> deny = new ArrayList<>(pub == null ? List.of() : pub.denyList());
        deny.add(CalloutRequests.SUBJECT);
        SubjectPermission guarded = new SubjectPermission(pub == null ? null : pub.allowList(), deny);
        Permissions q = p == null
                ? new Permissions(guarded, null, 0, Permissions.DEFAULT_RESPONSE_EXPIRES)
                : new Permissions(guarded, p.subscribe(), p.responseMax(), p.responseExpires());
        return u.withPermissions(q);
    }
}
