package io.jnatsd.config.load;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ResolverSettings;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.OperatorFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** operator, trusted, resolver and resolver_preload into typed options; nats-server's refusals in its words. */
class OperatorConfigTest {
    @TempDir
    Path tmp;

    private OperatorFixture fx;
    private String op;

    @BeforeEach
    void fixture() {
        fx = new OperatorFixture(tmp);
        op = "operator: \"" + tmp.resolve("operator.jwt") + "\"\n";
    }

    @Test
    void aMemoryResolverWithPreloadAndTheOperatorsSystemAccount() {
        OperatorFixture.Acct a = fx.account("A", n -> { });
        ServerOptions o = Loading.options(fx.memoryConfig());
        assertThat(o.operatorMode()).isTrue();
        assertThat(o.trustedOperators()).hasSize(1);
        assertThat(o.trustedOperators().get(0).publicKey()).isEqualTo(new String(pub(fx)));
        assertThat(o.resolver().type()).isEqualTo(ResolverSettings.Type.MEMORY);
        assertThat(o.resolver().preload()).containsEntry(a.publicKey(), a.jwt).hasSize(2);
        assertThat(o.systemAccount()).isEqualTo(fx.system.publicKey());
        assertThat(o.configBlocks()).doesNotContainKeys("operator", "resolver", "resolver_preload");
    }

    private static String pub(OperatorFixture f) {
        return io.jnatsd.testing.JwtFixtures.publicKey(f.operator);
    }

    @Test
    void theSystemAccountDefaultsToTheOperatorsAndMustMatchIt() {
        String noSys = op + "resolver: MEMORY\n";
        assertThat(Loading.options(noSys).systemAccount()).isEqualTo(fx.system.publicKey());
        OperatorFixture.Acct other = fx.account("O", n -> { });
        assertThatThrownBy(() -> Loading.options(noSys + "system_account: " + other.publicKey()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("system_account in config and operator JWT must be identical");
    }

    @Test
    void fullAndCacheResolvers() {
        ServerOptions full = Loading.options(op + "resolver { type: full, dir: \"" + tmp + "/j\", allow_delete: true,"
                + " interval: \"1m\", timeout: \"3s\", bogus: 1 }");
        assertThat(full.resolver().type()).isEqualTo(ResolverSettings.Type.FULL);
        assertThat(full.resolver().dir()).isEqualTo(tmp + "/j");
        assertThat(full.resolver().allowDelete()).isTrue();
        assertThat(full.resolver().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(full.resolver().timeout()).isEqualTo(Duration.ofSeconds(3));
        ServerOptions cache = Loading.options(op + "resolver { type: cache, dir: x, ttl: \"5m\", limit: 7 }");
        assertThat(cache.resolver().type()).isEqualTo(ResolverSettings.Type.CACHE);
        assertThat(cache.resolver().ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cache.resolver().limit()).isEqualTo(7);
    }

    @Test
    void refusalsInNatsServersWords() {
        String mem = op + "resolver: MEMORY\n";
        assertThatThrownBy(() -> Loading.options(mem + "accounts { A { users [{user: a, password: b}] } }"))
                .hasMessageContaining("operators do not allow Accounts to be configured directly");
        assertThatThrownBy(() -> Loading.options(mem + "authorization { users [{user: a, password: b}] }"))
                .hasMessageContaining("operators do not allow users to be configured directly");
        assertThatThrownBy(() -> Loading.options(op))
                .hasMessageContaining("operators require an account resolver to be configured");
        assertThatThrownBy(() -> Loading.options(op + "resolver: { type: bogus }"))
                .hasMessageContaining("error parsing account resolver, should be MEM or  URL(\"url\") or a map "
                        + "containing dir and type state=[FULL|CACHE])");
        assertThatThrownBy(() -> Loading.options(op + "resolver: URL(http://localhost:9090/jwt/v1/accounts/)"))
                .hasMessageContaining("URL account resolver is not supported");
        assertThatThrownBy(() -> Loading.options("trusted: [XYZ]\nresolver: MEMORY"))
                .hasMessageContaining("trust key \"XYZ\" required to be a valid public operator nkey");
        assertThatThrownBy(() -> Loading.options(mem + "resolver_preload { ABC: xyz }"))
                .hasMessageContaining("t.conf:3:20: invalid account JWT");
        assertThatThrownBy(() -> Loading.options("operator: /nonexistent.jwt\nresolver: MEMORY"))
                .hasMessageContaining("error parsing operator JWT: open /nonexistent.jwt: no such file or directory");
    }
}
