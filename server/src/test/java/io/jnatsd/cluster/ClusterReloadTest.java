package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.config.load.ReloadDiff;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reloading the cluster block as nats-server 2.9.10 does: routes added and removed, authorization and permissions
 * applied to running routes, a new name; the listener's host and port refused with nats-server's words.
 */
class ClusterReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        closing.add(c);
        return c;
    }

    private static ReloadDiff reload(NatsServer s, UnaryOperator<ClusterSettings> change) {
        return s.reload(s.options().toBuilder().cluster(change.apply(s.options().cluster())).build());
    }

    @Test
    void routesAddedAndRemoved() throws Exception {
        NatsServer a = keep(TestClusters.node());
        NatsServer c = keep(TestClusters.node());
        ReloadDiff d = reload(c, s -> s.withRoutes(List.of(TestClusters.routeUrl(a))));
        assertThat(d.changes()).containsExactly("Reloaded: cluster routes");
        TestClusters.awaitMesh(a, c);
        reload(c, s -> s.withRoutes(List.of()));
        Await.until(WAIT, "the removed route closed", () -> c.cluster().routes().isEmpty());
        Thread.sleep(1000); // and it is not retried
        assertThat(c.cluster().routes()).isEmpty();
        assertThat(a.cluster().routes()).isEmpty();
    }

    @Test
    void theListenerCannotMove() {
        NatsServer a = keep(TestClusters.node());
        int port = a.options().cluster().port();
        assertThatThrownBy(() -> reload(a, s -> new ClusterSettings(s.name(), s.host(), 5, s.routes())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config reload not supported for cluster port: old=" + port + ", new=5");
        assertThatThrownBy(() -> reload(a, s -> new ClusterSettings(s.name(), "127.0.0.2", s.port(), s.routes())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config reload not supported for cluster host: old=127.0.0.1, new=127.0.0.2");
    }

    @Test
    void newAuthorizationClosesRoutesThatDoNotLogInUntilTheyDo() throws Exception {
        NatsServer a = keep(TestClusters.node());
        NatsServer b = keep(TestClusters.node(a));
        TestClusters.awaitMesh(a, b);
        ReloadDiff d = reload(a, s -> s.withSecurity(RouteSecurity.NONE.withAuth("ru", "rp", null)));
        assertThat(d.changes()).containsExactly("Reloaded: cluster");
        Await.until(WAIT, "b's route without credentials closed", () -> a.cluster().routes().isEmpty());
        Thread.sleep(1000); // b keeps trying, and is refused
        assertThat(a.cluster().routes()).isEmpty();
        reload(b, s -> s.withRoutes(List.of(TestClusters.routeUrl(a, "ru", "rp"))));
        TestClusters.awaitMesh(a, b);
    }

    @Test
    void newImportPermissionsWithdrawAndAnnounceInterest() throws Exception {
        NatsServer a = keep(TestClusters.node());
        NatsServer c = keep(TestClusters.node(a));
        TestClusters.awaitMesh(a, c);
        Connection onC = keep(JnatsClients.connect(c));
        onC.subscribe("foo");
        onC.subscribe("bar");
        JnatsClients.flush(onC);
        TestClusters.awaitRemoteInterestExactly(a, 2);
        reload(c, s -> s.withSecurity(RouteSecurity.NONE.withPermissions(
                new SubjectPermission(List.of("bar"), null), null)));
        TestClusters.awaitRemoteInterestExactly(a, 1);
        reload(c, s -> s.withSecurity(RouteSecurity.NONE));
        TestClusters.awaitRemoteInterestExactly(a, 2);
    }

    @Test
    void aNewNameIsTakenAndTold() {
        NatsServer a = keep(TestClusters.node());
        ReloadDiff d = reload(a, s -> new ClusterSettings("renamed", s.host(), s.port(), s.routes()));
        assertThat(d.changes()).containsExactly("Reloaded: cluster");
        assertThat(a.cluster().name()).isEqualTo("renamed");
    }
}
