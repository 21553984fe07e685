package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.ReferenceServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The full resolver's {@code limit}: at the limit, new accounts' JWTs are refused, updates are not (as nats-server). */
class OperatorResolverLimitDifferentialTest {
    private ReferenceServer reference;
    private NatsServer jnatsd;

    @AfterEach
    void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @Test
    void aFullStoreRefusesNewAccountsButTakesUpdates(@TempDir Path tmp) throws Exception {
        ReferenceServer.assumeAvailable();
        OperatorFixture fx = new OperatorFixture(tmp);
        OperatorFixture.Acct known = fx.account("KNOWN", n -> { });
        String refConf = fx.fullConfig("ref-jwt", "  limit: 2\n");
        String ourConf = fx.fullConfig("jnatsd-jwt", "  limit: 2\n");
        OperatorFixture.Acct extra = fx.account("EXTRA", n -> { }); // not in either directory
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        String update = fx.reissue(known, n -> { });
        reference = ReferenceServer.startWithConfig(refConf);
        jnatsd = NatsServer.start(PermissionsTest.load(ourConf,
                ServerOptions.builder().host("127.0.0.1").port(0)).build());

        List<String> ref = session(reference.port(), sys, known, update, extra);
        List<String> ours = session(jnatsd.port(), sys, known, update, extra);
        assertThat(ours).as("nats-server said %s", ref).isEqualTo(ref);
        assertThat(Files.exists(tmp.resolve("jnatsd-jwt").resolve(extra.publicKey() + ".jwt"))).isFalse();
    }

    private static List<String> session(int port, OperatorFixture.User sys, OperatorFixture.Acct known, String update,
            OperatorFixture.Acct extra) throws Exception {
        try (Connection nc = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                .authHandler(Nats.credentials(sys.creds().toString())).build())) {
            List<String> out = new ArrayList<>();
            out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", update.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(2))));
            out.add(shape(nc.request("$SYS.REQ.CLAIMS.UPDATE", extra.jwt.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(2))));
            Message m = nc.request("$SYS.REQ.ACCOUNT." + known.publicKey() + ".CLAIMS.LOOKUP", new byte[0],
                    Duration.ofSeconds(2));
            out.add(m == null ? "<none>" : String.valueOf(new String(m.getData()).equals(update)));
            return out;
        }
    }

    /** The answer without its trailing server object (ids differ). */
    private static String shape(Message m) {
        if (m == null) {
            return "<no answer>";
        }
        String s = new String(m.getData(), StandardCharsets.UTF_8);
        int server = s.indexOf(",\"server\":");
        return server < 0 ? s : s.substring(0, server);
    }
}
