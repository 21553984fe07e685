package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.nats.client.api.ServerInfo;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What jnats learns from the server's INFO, and the client-side limits it derives from it. */
class ServerInfoTest extends JnatsIntegrationTest {

    @Test
    void infoFieldsDescribeThisServer() throws Exception {
        NatsServer s = server();
        Connection nc = connect();
        ServerInfo info = nc.getServerInfo();

        assertThat(info.getServerId()).isEqualTo(s.serverId()).isNotBlank();
        assertThat(info.getServerName()).isEqualTo(s.serverName());
        assertThat(info.getVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        // jnats turns headers on only for servers >= 2.2.0 that say headers:true.
        assertThat(info.isSameOrNewerThanVersion("2.2.0")).isTrue();
        assertThat(info.isHeadersSupported()).isTrue();
        assertThat(info.getProtocolVersion()).isEqualTo(1);
        assertThat(info.getPort()).isEqualTo(s.port());
        assertThat(info.isAuthRequired()).isFalse();
        assertThat(info.isTLSRequired()).isFalse();
        assertThat(info.isJetStreamAvailable()).isFalse();
        assertThat(info.getClientId()).isPositive();
        assertThat(info.getClientIp()).isEqualTo("127.0.0.1");
        assertThat(info.getMaxPayload()).isEqualTo(1024 * 1024);
        assertThat(nc.getMaxPayload()).isEqualTo(1024 * 1024);
    }

    @Test
    void eachConnectionGetsItsOwnClientId() throws Exception {
        Connection a = connect();
        Connection b = connect();
        assertThat(a.getServerInfo().getClientId()).isNotEqualTo(b.getServerInfo().getClientId());
        assertThat(a.getServerInfo().getServerId()).isEqualTo(b.getServerInfo().getServerId());
    }

    @Test
    void serverNameOptionIsAdvertised() throws Exception {
        startServer(o -> o.serverName("alpha-1"));
        assertThat(connect().getServerInfo().getServerName()).isEqualTo("alpha-1");
    }

    @Test
    void customMaxPayloadIsAdvertisedAndEnforcedByTheClient() throws Exception {
        startServer(o -> o.maxPayload(4096));
        Connection nc = connect();
        assertThat(nc.getMaxPayload()).isEqualTo(4096);

        Subscription s = nc.subscribe("limit");
        byte[] atLimit = new byte[4096];
        new Random(7).nextBytes(atLimit);
        nc.publish("limit", atLimit);
        assertThat(s.nextMessage(WAIT).getData()).isEqualTo(atLimit);

        assertThatThrownBy(() -> nc.publish("limit", new byte[4097])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersOffOnTheServerIsSeenByTheClient() throws Exception {
        startServer(o -> o.noHeaderSupport(true));
        Connection nc = connect();

        assertThat(nc.getServerInfo().isHeadersSupported()).isFalse();
        assertThatThrownBy(() -> nc.publish("h", new Headers().add("K", "v"), new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        // Plain messages still flow.
        Subscription s = nc.subscribe("plain");
        nc.publish("plain", new byte[] {9});
        assertThat(s.nextMessage(WAIT).getData()).containsExactly(9);
    }

    @Test
    void maxPayloadAboveDefaultIsUsable() throws Exception {
        startServer(o -> o.maxPayload(2 * 1024 * 1024));
        Connection nc = connect();
        assertThat(nc.getMaxPayload()).isEqualTo(2 * 1024 * 1024);
        Subscription s = nc.subscribe("big");
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(3).nextBytes(big);
        nc.publish("big", big);
        JnatsClients.flush(nc);
        assertThat(s.nextMessage(WAIT).getData()).isEqualTo(big);
    }
}
