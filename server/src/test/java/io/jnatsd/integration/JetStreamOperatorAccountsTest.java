package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.OperatorFixture;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.AccountLimits;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operator mode: accounts resolved after start get JetStream from their JWT's limits (mem_storage, disk_storage,
 * streams, consumer; -1 unlimited, 0 or absent = no JetStream), as nats-server.
 */
class JetStreamOperatorAccountsTest extends JnatsIntegrationTest {
    @TempDir
    Path tmp;

    @Test
    void accountsGetJetStreamFromTheirJwtLimits() throws Exception {
        OperatorFixture fx = new OperatorFixture(tmp);
        OperatorFixture.Acct withJs = fx.account("WITHJS", n -> {
            var l = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("limits");
            l.put("mem_storage", 1048576);
            l.put("disk_storage", -1);
            l.put("streams", 1);
            l.put("consumer", -1);
        });
        OperatorFixture.Acct noJs = fx.account("NOJS", n -> { });
        OperatorFixture.User u1 = fx.user(withJs, n -> { });
        OperatorFixture.User u2 = fx.user(noJs, n -> { });
        Path conf = fx.write("server.conf", fx.memoryConfig() + "jetstream { store_dir: \"" + tmp.resolve("js")
                + "\" }\n");
        NatsServer server = startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });

        Connection js = connect(server, o -> o.authHandler(Nats.credentials(u1.creds().toString())));
        AccountLimits limits = js.jetStreamManagement().getAccountStatistics().getLimits();
        assertThat(limits.getMaxMemory()).isEqualTo(1048576);
        assertThat(limits.getMaxStorage()).isEqualTo(-1);
        assertThat(limits.getMaxStreams()).isEqualTo(1);
        js.jetStreamManagement().addStream(StreamConfiguration.builder().name("ONE").subjects("one").build());
        assertThatThrownBy(() -> js.jetStreamManagement().addStream(StreamConfiguration.builder().name("TWO")
                .subjects("two").build())).isInstanceOf(JetStreamApiException.class).hasMessageContaining("10027");

        Connection plain = connect(server, o -> o.authHandler(Nats.credentials(u2.creds().toString())));
        assertThatThrownBy(() -> plain.jetStreamManagement().getAccountStatistics())
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10039");
    }
}
