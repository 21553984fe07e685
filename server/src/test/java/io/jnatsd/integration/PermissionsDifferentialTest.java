package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same config file (users, bcrypt, default_permissions, no_auth_user, allow_responses) given to nats-server
 * 2.9.10 and to jnatsd: each raw session must get the same lines back (INFO aside), including every -ERR text and
 * whether the connection is closed.
 */
class PermissionsDifferentialTest {
    private static ServerPair servers;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void start() {
        servers = ServerPair.withConfig(PermissionsTest.USERS);
        reference = servers.reference;
        jnatsd = servers.jnatsd;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // right and wrong passwords, plain and bcrypt; no credentials = no_auth_user
        "CONNECT {\"user\":\"pub\",\"pass\":\"p\",\"verbose\":true}\r\nPING\r\n",
        "CONNECT {\"user\":\"pub\",\"pass\":\"wrong\"}\r\nPING\r\n",
        "CONNECT {\"user\":\"hashed\",\"pass\":\"s3cret\"}\r\nPING\r\n",
        "CONNECT {\"user\":\"hashed\",\"pass\":\"s3cre\"}\r\nPING\r\n",
        "CONNECT {\"user\":\"ghost\",\"pass\":\"p\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":false}\r\nPUB anon.x 0\r\n\r\nPUB foo.x 0\r\n\r\nSUB foo.x 1\r\nPING\r\n",
        // publish and subscribe permissions, with verbose on to see which commands are acknowledged
        "CONNECT {\"user\":\"pub\",\"pass\":\"p\",\"verbose\":true}\r\nPUB foo.bar 1\r\nx\r\nPUB foo.x 1\r\nx\r\n"
                + "PUB foo.x.y 0\r\n\r\nSUB foo.* 1\r\nSUB nope 2\r\nSUB q.a 3\r\nSUB q.a grp 4\r\nSUB q.a other 5\r\n"
                + "SUB q.* grp 6\r\nSUB > 7\r\nPING\r\n",
        // default_permissions for a user without its own
        "CONNECT {\"user\":\"hashed\",\"pass\":\"s3cret\",\"verbose\":false}\r\nPUB def.a 0\r\n\r\nPUB x 0\r\n\r\n"
                + "SUB def.> 1\r\nSUB x 2\r\nPING\r\n",
        // allow_responses without a request: nothing may be published
        "CONNECT {\"user\":\"svc\",\"pass\":\"s\",\"verbose\":false}\r\nPUB _INBOX.x 0\r\n\r\nSUB svc 1\r\n"
                + "SUB other 2\r\nPING\r\n",
    })
    void sameAnswers(String session) throws IOException {
        assertThat(run(jnatsd.port(), session)).isEqualTo(run(reference.port(), session));
    }

    /**
     * A wildcard subscription passes a deny entry it is not covered by; the denied subject is then filtered out of
     * its deliveries (user "deny" may not subscribe to foo.bar but may subscribe to foo.*).
     */
    @org.junit.jupiter.api.Test
    void denyUnderAWildcardSubscriptionFiltersDeliveries() throws IOException {
        assertThat(filtered(jnatsd.port())).isEqualTo(filtered(reference.port()))
                .containsExactly("PONG", "MSG foo.baz 1 1", "y", "PONG");
    }

    private static List<String> filtered(int port) throws IOException {
        List<String> lines = new ArrayList<>();
        try (RawClient sub = RawClient.connect(port); RawClient pub = RawClient.connect(port)) {
            sub.readInfo();
            pub.readInfo();
            sub.send("CONNECT {\"user\":\"deny\",\"pass\":\"d\",\"verbose\":false}\r\nSUB foo.* 1\r\n"
                    + "SUB foo.bar 2\r\nPING\r\n");
            for (String l = sub.readLineSkippingPings(); ; l = sub.readLineSkippingPings()) {
                lines.add(l);
                if ("PONG".equals(l)) {
                    break;
                }
            }
            pub.send("CONNECT {\"user\":\"all\",\"pass\":\"a\",\"verbose\":false}\r\n"
                    + "PUB foo.bar 1\r\nx\r\nPUB foo.baz 1\r\ny\r\nPING\r\n");
            assertThat(pub.readLineSkippingPings()).isEqualTo("PONG");
            sub.send("PING\r\n");
            for (String l = sub.readLineSkippingPings(); ; l = sub.readLineSkippingPings()) {
                lines.add(l);
                if ("PONG".equals(l)) {
                    break;
                }
            }
        }
        // the refused "SUB foo.bar" is compared in sameAnswers; here only the deliveries
        lines.removeIf(l -> l.startsWith("-ERR"));
        return lines;
    }

    /** The lines after INFO up to the PONG, or up to the close (then ending with "<closed>"). */
    private static List<String> run(int port, String session) throws IOException {
        try (RawClient c = RawClient.connect(port)) {
            c.timeout(3000);
            c.readInfo();
            c.send(session);
            return c.linesUntilPongOrClose();
        }
    }
}
