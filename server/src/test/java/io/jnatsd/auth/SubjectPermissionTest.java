package io.jnatsd.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Permission matching as nats-server 2.9.10 does it (the cases were checked against the reference). */
class SubjectPermissionTest {

    @Test
    void allowListWithWildcards() {
        SubjectPermission p = new SubjectPermission(List.of("foo.*", "bar.>"), null);
        assertThat(p.permits("foo.x", null)).isTrue();
        assertThat(p.permits("foo.x.y", null)).isFalse();
        assertThat(p.permits("foo", null)).isFalse();
        assertThat(p.permits("bar.a.b.c", null)).isTrue();
        assertThat(p.permits("bar", null)).as("'>' needs one token at least").isFalse();
        assertThat(p.permits("baz", null)).isFalse();
    }

    @Test
    void denyWinsOverAllow() {
        SubjectPermission p = new SubjectPermission(List.of("foo.*"), List.of("foo.bar"));
        assertThat(p.permits("foo.baz", null)).isTrue();
        assertThat(p.permits("foo.bar", null)).isFalse();
    }

    @Test
    void denyOnlyAllowsEverythingElse() {
        SubjectPermission p = new SubjectPermission(null, List.of("secret.>"));
        assertThat(p.permits("anything", null)).isTrue();
        assertThat(p.permits("secret.x", null)).isFalse();
    }

    @Test
    void emptyAllowListAllowsNothing() {
        assertThat(new SubjectPermission(List.of(), null).permits("a", null)).isFalse();
    }

    @Test
    void wildcardSubscriptionNeedsAnAllowEntryThatCoversIt() {
        SubjectPermission p = new SubjectPermission(List.of("sub.>", "one.two"), null);
        assertThat(p.permits("sub.*", null)).isTrue();
        assertThat(p.permits("sub.>", null)).isTrue();
        assertThat(p.permits("one.*", null)).as("one.two does not cover one.*").isFalse();
        assertThat(p.permits(">", null)).isFalse();
    }

    @Test
    void queueEntriesDecideForQueueSubscriptions() {
        SubjectPermission p = new SubjectPermission(List.of("q.* grp", "plain.>"), null);
        assertThat(p.permits("q.a", "grp")).isTrue();
        assertThat(p.permits("q.a", "other")).isFalse();
        assertThat(p.permits("q.a", null)).as("a queue entry does not allow a plain subscription").isFalse();
        assertThat(p.permits("plain.x", "any")).as("a plain entry allows any queue").isTrue();
    }

    @Test
    void queueNamesMayUseWildcards() {
        SubjectPermission p = new SubjectPermission(List.of("jobs workers.*"), null);
        assertThat(p.permits("jobs", "workers.eu")).isTrue();
        assertThat(p.permits("jobs", "idlers.eu")).isFalse();
    }

    @Test
    void denyQueueEntryOnlyDeniesThatQueue() {
        SubjectPermission p = new SubjectPermission(null, List.of("jobs bad"));
        assertThat(p.permits("jobs", "bad")).isFalse();
        assertThat(p.permits("jobs", "good")).isTrue();
        assertThat(p.permits("jobs", null)).isTrue();
    }

    @Test
    void cacheRemembersAndStaysBounded() {
        PermissionCache c = new PermissionCache(new SubjectPermission(List.of("ok.>"), null));
        assertThat(c.permits("ok.1")).isTrue();
        assertThat(c.permits("no")).isFalse();
        assertThat(c.permits("no")).isFalse();
        assertThat(c.size()).isEqualTo(2);
        for (int i = 0; i < PermissionCache.MAX_ENTRIES * 3; i++) {
            assertThat(c.permits("ok." + i)).isTrue();
            assertThat(c.size()).isLessThanOrEqualTo(PermissionCache.MAX_ENTRIES);
        }
    }

    @Test
    void deliveryFilterUsesPlainDenyEntriesOnly() {
        assertThat(DeliveryFilter.of(null)).isNull();
        assertThat(DeliveryFilter.of(new SubjectPermission(List.of(">"), null))).isNull();
        assertThat(DeliveryFilter.of(new SubjectPermission(null, List.of("jobs q")))).isNull();
        DeliveryFilter f = DeliveryFilter.of(new SubjectPermission(null, List.of("foo.bar", "secret.>")));
        assertThat(f.denies("foo.bar")).isTrue();
        assertThat(f.denies("foo.baz")).isFalse();
        assertThat(f.denies("secret.a.b")).isTrue();
        for (int i = 0; i < DeliveryFilter.MAX_ENTRIES * 2; i++) {
            assertThat(f.denies("secret." + i)).isTrue();
        }
    }

    @Test
    void responsesAreAllowedMaxTimes() {
        ResponsePermissions r = new ResponsePermissions(new Permissions(null, null, 1, Duration.ofMinutes(1)));
        assertThat(r.tryPublish("_INBOX.1")).isFalse();
        r.requestDelivered("_INBOX.1");
        assertThat(r.tryPublish("_INBOX.1")).isTrue();
        assertThat(r.tryPublish("_INBOX.1")).as("max 1").isFalse();
        assertThat(r.size()).isZero();

        ResponsePermissions two = new ResponsePermissions(new Permissions(null, null, 2, Duration.ofMinutes(1)));
        two.requestDelivered("r");
        assertThat(two.tryPublish("r")).isTrue();
        assertThat(two.tryPublish("r")).isTrue();
        assertThat(two.tryPublish("r")).isFalse();
    }

    @Test
    void responsesExpire() throws InterruptedException {
        ResponsePermissions r = new ResponsePermissions(new Permissions(null, null, 5, Duration.ofMillis(20)));
        r.requestDelivered("r");
        Thread.sleep(50);
        assertThat(r.tryPublish("r")).isFalse();
    }

    @Test
    void expiredGrantsArePrunedWhenTheMapGrows() throws InterruptedException {
        ResponsePermissions r = new ResponsePermissions(new Permissions(null, null, 1, Duration.ofMillis(1)));
        for (int i = 0; i < ResponsePermissions.PRUNE_AT; i++) {
            r.requestDelivered("r" + i);
        }
        Thread.sleep(10);
        r.requestDelivered("last");
        assertThat(r.size()).isEqualTo(1);
    }
}
