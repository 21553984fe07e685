package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wildcard subscriptions: {@code *} matches exactly one token, {@code >} one or more trailing tokens. Each test
 * publishes a fixed set of subjects and checks the exact set each subscription received, so both a missing match and
 * an extra one fail.
 */
class WildcardTest extends JnatsIntegrationTest {
    private static final List<String> PUBLISHED = List.of(
            "foo", "foo.bar", "foo.baz", "foo.bar.baz", "foo.bar.baz.qux", "bar.foo", "foox.bar");

    /**
     * Subscribes {@code pattern} on one connection, publishes every subject in {@link #PUBLISHED} from another, and
     * returns the subjects that arrived, in order.
     */
    private List<String> received(String pattern) throws Exception {
        Connection sub = connect();
        Connection pub = connect();
        Subscription s = sub.subscribe(pattern);
        JnatsClients.flush(sub);
        for (String subject : PUBLISHED) {
            pub.publish(subject, null);
        }
        JnatsClients.flush(pub);
        JnatsClients.flush(sub);
        return JnatsClients.queued(s).stream().map(Message::getSubject).collect(Collectors.toList());
    }

    @Test
    void starMatchesExactlyOneToken() throws Exception {
        // foo.* must not take foo (no token) nor foo.bar.baz (two tokens).
        assertThat(received("foo.*")).containsExactly("foo.bar", "foo.baz");
    }

    @Test
    void starInTheMiddle() throws Exception {
        assertThat(received("*.bar")).containsExactly("foo.bar", "foox.bar");
        assertThat(received("foo.*.baz")).containsExactly("foo.bar.baz");
    }

    @Test
    void fullWildcardMatchesOneOrMoreTrailingTokens() throws Exception {
        // foo.> must not take foo itself: '>' needs at least one token.
        assertThat(received("foo.>")).containsExactly("foo.bar", "foo.baz", "foo.bar.baz", "foo.bar.baz.qux");
    }

    @Test
    void bareFullWildcardMatchesEverything() throws Exception {
        assertThat(received(">"))
                .containsExactly("foo", "foo.bar", "foo.baz", "foo.bar.baz", "foo.bar.baz.qux", "bar.foo", "foox.bar");
    }

    @Test
    void mixedWildcards() throws Exception {
        assertThat(received("*.bar.>")).containsExactly("foo.bar.baz", "foo.bar.baz.qux");
    }

    @Test
    void overlappingSubscriptionsOnOneConnectionEachGetTheirCopy() throws Exception {
        // nats-server delivers once per matching subscription, even when they belong to the same connection.
        Connection nc = connect();
        Subscription literal = nc.subscribe("a.b.c");
        Subscription star = nc.subscribe("a.*.c");
        Subscription full = nc.subscribe("a.>");
        nc.publish("a.b.c", null);
        nc.publish("a.b", null);
        JnatsClients.flush(nc);

        assertThat(JnatsClients.queued(literal)).extracting(Message::getSubject).containsExactly("a.b.c");
        assertThat(JnatsClients.queued(star)).extracting(Message::getSubject).containsExactly("a.b.c");
        assertThat(JnatsClients.queued(full)).extracting(Message::getSubject).containsExactly("a.b.c", "a.b");
    }
}
