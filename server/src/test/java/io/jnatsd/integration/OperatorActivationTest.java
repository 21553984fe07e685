package io.jnatsd.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.OperatorFixture;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports of token_req exports: applied only with a valid activation token, ended when it expires; revoked or
 * expired tokens keep the import out, while a token that does not fit the import (issuer, account, subject, a URL)
 * makes the whole account JWT invalid, as in nats-server (OperatorLifetimeDifferentialTest compares).
 */
class OperatorActivationTest extends JnatsIntegrationTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private OperatorFixture fx;
    private OperatorFixture.Acct exporter;
    private final NKey exporterSigningKey = JwtFixtures.accountKey();

    /** An exporter with a private stream {@code feed.>} and a private service {@code help}. */
    private void exporter(Consumer<ObjectNode> revocations) {
        fx = new OperatorFixture(tmp);
        exporter = fx.account("EXP", n -> {
            n.putArray("signing_keys").add(JwtFixtures.publicKey(exporterSigningKey));
            var exports = n.putArray("exports");
            ObjectNode stream = exports.addObject().put("name", "s").put("subject", "feed.>").put("type", "stream")
                    .put("token_req", true);
            revocations.accept(stream);
            exports.addObject().put("name", "svc").put("subject", "help").put("type", "service")
                    .put("token_req", true);
        });
    }

    /** An account importing {@code feed.>} with the token made for its key (null = none). */
    private OperatorFixture.Acct streamImporter(String name, java.util.function.Function<String, String> token) {
        return streamImporter(name, JwtFixtures.accountKey(), token);
    }

    private OperatorFixture.Acct streamImporter(String name, NKey key,
            java.util.function.Function<String, String> token) {
        String t = token.apply(JwtFixtures.publicKey(key));
        return fx.account(name, key, n -> {
            ObjectNode imp = n.putArray("imports").addObject().put("name", "s").put("subject", "feed.>")
                    .put("account", exporter.publicKey()).put("type", "stream");
            if (t != null) {
                imp.put("token", t);
            }
        });
    }

    private NatsServer start(String config) {
        Path conf = fx.write("server-" + System.nanoTime() + ".conf", config);
        return startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });
    }

    private Connection connectAs(OperatorFixture.Acct a) throws Exception {
        return connect(o -> o.authHandler(Nats.credentials(fx.user(a, n -> { }).creds().toString())));
    }

    private String stream(NKey signer, String issuerAccount, String importer, Consumer<ObjectNode> claims) {
        return OperatorFixture.activation(signer, issuerAccount, importer, "feed.>", "stream", claims);
    }

    /** Whether a message published by the exporter on feed.x reaches the importer's subscription. */
    private boolean delivered(Connection provider, Connection consumer) throws Exception {
        Subscription sub = consumer.subscribe("feed.>");
        consumer.flush(WAIT);
        provider.publish("feed.x", new byte[] {1});
        provider.flush(WAIT);
        Message m = sub.nextMessage(QUIET);
        sub.unsubscribe();
        return m != null;
    }

    @Test
    void aStreamImportNeedsAValidActivationToken() throws Exception {
        long now = Instant.now().getEpochSecond();
        exporter(e -> { });
        var aGood = streamImporter("GOOD", k -> stream(exporter.key, null, k, c -> { }));
        var aSk = streamImporter("SK", k -> stream(exporterSigningKey, exporter.publicKey(), k,
                c -> { }));
        var aMissing = streamImporter("MISSING", k -> null);
        var aStranger = streamImporter("STRANGER", k -> stream(JwtFixtures.accountKey(), null, k,
                c -> { }));
        var aExpired = streamImporter("EXPIRED", k -> stream(exporter.key, null, k,
                c -> c.put("exp", now - 5)));
        var aOther = streamImporter("OTHER", k -> stream(exporter.key, null,
                JwtFixtures.publicKey(JwtFixtures.accountKey()), c -> { }));
        var aNarrow = streamImporter("NARROW", k -> OperatorFixture.activation(exporter.key, null, k,
                "feed.one", "stream", c -> { }));
        var aUrl = streamImporter("URL", k -> "http://127.0.0.1:1/activation");
        start(fx.memoryConfig());
        Connection provider = connectAs(exporter);
        assertThat(delivered(provider, connectAs(aGood))).as("valid token").isTrue();
        assertThat(delivered(provider, connectAs(aSk))).as("by a signing key").isTrue();
        assertThat(delivered(provider, connectAs(aMissing))).as("no token").isFalse();
        assertThatThrownBy(() -> connectAs(aStranger)).as("wrongly signed: the account JWT is invalid")
                .isInstanceOf(io.nats.client.AuthenticationException.class);
        assertThat(delivered(provider, connectAs(aExpired))).as("expired").isFalse();
        assertThatThrownBy(() -> connectAs(aOther)).as("for another account: the account JWT is invalid")
                .isInstanceOf(io.nats.client.AuthenticationException.class);
        assertThatThrownBy(() -> connectAs(aNarrow)).as("subject not covered: the account JWT is invalid")
                .isInstanceOf(io.nats.client.AuthenticationException.class);
        assertThatThrownBy(() -> connectAs(aUrl)).as("URL tokens are not fetched: the account JWT is invalid")
                .isInstanceOf(io.nats.client.AuthenticationException.class);
    }

    @Test
    void aRevokedActivationIsRefused() throws Exception {
        NKey revoked = JwtFixtures.accountKey();
        String revokedKey = JwtFixtures.publicKey(revoked);
        exporter(e -> e.putObject("revocations").put(revokedKey, Instant.now().getEpochSecond() + 5));
        var aRevoked = streamImporter("REVOKED", revoked, k -> stream(exporter.key, null, k, c -> { }));
        var aFine = streamImporter("FINE", k -> stream(exporter.key, null, k, c -> { }));
        start(fx.memoryConfig());
        Connection provider = connectAs(exporter);
        assertThat(delivered(provider, connectAs(aFine))).isTrue();
        assertThat(delivered(provider, connectAs(aRevoked))).isFalse();
    }

    @Test
    void aServiceImportWithActivationAndOneEndingWhenItsTokenExpires() throws Exception {
        exporter(e -> { });
        NKey key = JwtFixtures.accountKey();
        String importer = JwtFixtures.publicKey(key);
        long exp = Instant.now().getEpochSecond() + 3;
        String svcToken = OperatorFixture.activation(exporter.key, null, importer, "help", "service", c -> { });
        String feedToken = stream(exporter.key, null, importer, c -> c.put("exp", exp));
        OperatorFixture.Acct made = fx.account("SVC", key, n -> {
            var imports = n.putArray("imports");
            imports.addObject().put("name", "svc").put("subject", "help").put("account", exporter.publicKey())
                    .put("type", "service").put("token", svcToken);
            imports.addObject().put("name", "s").put("subject", "feed.>").put("account", exporter.publicKey())
                    .put("type", "stream").put("token", feedToken);
        });
        start(fx.memoryConfig());
        Connection provider = connectAs(exporter);
        provider.createDispatcher(m -> provider.publish(m.getReplyTo(), "answer".getBytes(StandardCharsets.UTF_8)))
                .subscribe("help");
        provider.flush(WAIT);
        Connection consumer = connectAs(made);
        assertThat(new String(consumer.request("help", new byte[0], WAIT).getData(), StandardCharsets.UTF_8))
                .isEqualTo("answer");
        assertThat(delivered(provider, consumer)).as("before the activation expires").isTrue();
        Thread.sleep(Math.max(0, exp * 1000 - System.currentTimeMillis()) + 500);
        assertThat(delivered(provider, consumer)).as("after the activation expired").isFalse();
    }
}
