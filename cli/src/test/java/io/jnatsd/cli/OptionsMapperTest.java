package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.Test;

class OptionsMapperTest {

    private static ServerOptions options(String... args) throws FlagException {
        return OptionsMapper.toBuilder(FlagParser.parse(args)).build();
    }

    @Test
    void noFlagsGiveNatsServerDefaults() throws Exception {
        ServerOptions o = options();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isEqualTo(4222);
        assertThat(o.httpPort()).isZero();
        assertThat(o.logtime()).isTrue();
        assertThat(o.debug()).isFalse();
        assertThat(o.trace()).isFalse();
        assertThat(o.serverName()).isNull();
        assertThat(o.configFile()).isNull();
        assertThat(o.pidFile()).isNull();
        assertThat(o.jetstream()).isFalse();
    }

    @Test
    void everyMappedFlagReachesTheOptions() throws Exception {
        ServerOptions o = options("-a", "127.0.0.1", "-p", "4333", "-n", "srv", "--client_advertise", "h:1",
                "-m", "8222", "-P", "/tmp/x.pid", "--ports_file_dir", "/tmp", "-l", "/tmp/x.log", "-T=false",
                "-DV", "--user", "u", "--pass", "pw", "--auth", "tok", "-js", "-sd", "/tmp/js", "-c", "x.conf");
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(4333);
        assertThat(o.serverName()).isEqualTo("srv");
        assertThat(o.clientAdvertise()).isEqualTo("h:1");
        assertThat(o.httpPort()).isEqualTo(8222);
        assertThat(o.pidFile()).isEqualTo("/tmp/x.pid");
        assertThat(o.portsFileDir()).isEqualTo("/tmp");
        assertThat(o.logFile()).isEqualTo("/tmp/x.log");
        assertThat(o.logtime()).isFalse();
        assertThat(o.debug()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.user()).isEqualTo("u");
        assertThat(o.password()).isEqualTo("pw");
        assertThat(o.authToken()).isEqualTo("tok");
        assertThat(o.jetstream()).isTrue();
        assertThat(o.storeDir()).isEqualTo("/tmp/js");
        assertThat(o.configFile()).isEqualTo("x.conf");
    }

    @Test
    void portZeroMeansDefaultAndMinusOneMeansRandom() throws Exception {
        assertThat(options("-p", "0").port()).isEqualTo(4222);
        assertThat(options("-p", "-1").port()).isZero();
        assertThat(options("-m", "-1").httpPort()).isEqualTo(-1);
    }

    @Test
    void invalidValuesAreLeftToOptionValidation() {
        assertThatThrownBy(() -> options("-p", "99999")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> options("-p", "0x7fffffffff")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid port");
        assertThatThrownBy(() -> options("--pass", "x")).isInstanceOf(ConfigException.class);
    }

    @Test
    void onlyFlagsGivenAreAppliedOnTopOfEarlierSettings() throws Exception {
        Flags f = FlagParser.parse("-D=false", "-T", "-p", "5", "--pass", "x", "--user", "u");
        assertThat(f.given).contains("debug", "logtime", "port", "pass", "user").doesNotContain("trace");
        ServerOptions.Builder b = ServerOptions.builder().debug(true).trace(true).logtime(false).serverName("n");
        assertThat(OptionsMapper.applyTo(f, b)).containsExactlyInAnyOrder("port", "pass", "user");
        ServerOptions o = b.build();
        assertThat(o.debug()).isFalse();
        assertThat(o.trace()).isTrue();
        assertThat(o.logtime()).isTrue();
        assertThat(o.port()).isEqualTo(5);
        assertThat(o.serverName()).isEqualTo("n");
    }

    @Test
    void parseOnlyFlagsAreReportedWhenUsed() throws Exception {
        assertThat(OptionsMapper.unsupportedInUse(FlagParser.parse("-p", "1", "-D"))).isEmpty();
        assertThat(OptionsMapper.unsupportedInUse(FlagParser.parse("--tls", "--tlscert", "c", "--tlskey", "k",
                "--tlsverify", "--tlscacert", "ca", "--routes", "r", "--cluster_listen", "c", "--cluster_name", "n",
                "--no_advertise", "--cluster_advertise", "a", "--connect_retries", "3", "-ms", "1", "-s", "-r", "x",
                "--log_size_limit", "1", "--max_traced_msg_len", "1", "--profile", "1")))
                .containsExactly("syslog", "remote_syslog", "profile");
    }

    @Test
    void clusterFlagsReachTheClusterSettings() throws Exception {
        ServerOptions o = options("--cluster", "nats://127.0.0.1:6333", "--routes",
                "nats-route://127.0.0.1:6334, nats-route://127.0.0.1:6335", "--cluster_name", "c1", "--no_advertise",
                "--cluster_advertise", "h:7", "--connect_retries", "4");
        assertThat(o.cluster().host()).isEqualTo("127.0.0.1");
        assertThat(o.cluster().port()).isEqualTo(6333);
        assertThat(o.cluster().routes()).containsExactly("nats-route://127.0.0.1:6334", "nats-route://127.0.0.1:6335");
        assertThat(o.cluster().name()).isEqualTo("c1");
        assertThat(o.cluster().noAdvertise()).isTrue();
        assertThat(o.cluster().advertise()).isEqualTo("h:7");
        assertThat(o.cluster().connectRetries()).isEqualTo(4);
        assertThat(options("--cluster_listen", "nats://127.0.0.1:-1").cluster().port()).isEqualTo(-1);
        assertThat(options().cluster()).isNull();
    }

    @Test
    void credentialsInTheClusterUrlAreTheRouteAuthorization() throws Exception {
        ServerOptions o = options("--cluster", "nats://ruser:pw@127.0.0.1:6333");
        assertThat(o.cluster().host()).isEqualTo("127.0.0.1");
        assertThat(o.cluster().port()).isEqualTo(6333);
        assertThat(o.cluster().security().user()).isEqualTo("ruser");
        assertThat(o.cluster().security().password()).isEqualTo("pw");
        assertThat(options("--cluster", "nats://127.0.0.1:6333").cluster().security().authRequired()).isFalse();
    }

    @Test
    void routesWithoutAClusterListenerAreRefusedAsNatsServerDoes() {
        assertThatThrownBy(() -> options("--routes", "nats://127.0.0.1:1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("solicited routes require cluster capabilities, e.g. --cluster");
        assertThatThrownBy(() -> options("--cluster", "bad")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing port in address");
    }
}
