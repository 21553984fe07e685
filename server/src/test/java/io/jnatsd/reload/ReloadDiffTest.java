package io.jnatsd.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ReloadDiff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReloadDiffTest {
    private final ServerOptions old = ServerOptions.builder().user("a").password("secret").build();

    @Test
    void changesAreNamedAsNatsServerLogsThemAndSecretsAreNot() {
        ServerOptions neu = old.toBuilder().debug(true).maxPayload(2000).pingInterval(Duration.ofSeconds(90))
                .password("other").build();
        ReloadDiff diff = ReloadDiff.between(old, neu);
        assertThat(diff.changes()).containsExactly("Reloaded: debug = true", "Reloaded: max_payload = 2000",
                "Reloaded: ping_interval = 1m30s", "Reloaded: authorization password");
        assertThat(diff.authChanged()).isTrue();
        assertThat(diff.infoChanged()).isTrue();
    }

    @Test
    void sameOptionsChangeNothing() {
        ReloadDiff diff = ReloadDiff.between(old, old.toBuilder().build());
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.authChanged()).isFalse();
        assertThat(diff.infoChanged()).isFalse();
    }

    @Test
    void restartOnlyOptionsAreRefused() {
        assertThatThrownBy(() -> ReloadDiff.between(old, old.toBuilder().host("127.0.0.2").build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config reload not supported for Host: old=" + old.host() + ", new=127.0.0.2");
        assertThatThrownBy(() -> ReloadDiff.between(old, old.toBuilder().serverName("x").build()))
                .hasMessageStartingWith("config reload not supported for ServerName: old=");
    }
}
