package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlagParserTest {

    /** Every value flag nats-server 2.9 defines, by every name, with the field it fills. */
    static Stream<Arguments> valueFlags() {
        List<Arguments> cases = new ArrayList<>();
        addValue(cases, f -> f.host, "a", "addr", "net");
        addValue(cases, f -> f.serverName, "n", "name", "server_name");
        addValue(cases, f -> f.pidFile, "P", "pid");
        addValue(cases, f -> f.configFile, "c", "config");
        addValue(cases, f -> f.signal, "sl", "signal");
        addValue(cases, f -> f.clientAdvertise, "client_advertise");
        addValue(cases, f -> f.portsFileDir, "ports_file_dir");
        addValue(cases, f -> f.logFile, "l", "log");
        addValue(cases, f -> f.remoteSyslog, "r", "remote_syslog");
        addValue(cases, f -> f.storeDir, "sd", "store_dir");
        addValue(cases, f -> f.user, "user");
        addValue(cases, f -> f.password, "pass");
        addValue(cases, f -> f.authToken, "auth");
        addValue(cases, f -> f.tlsCert, "tlscert");
        addValue(cases, f -> f.tlsKey, "tlskey");
        addValue(cases, f -> f.tlsCaCert, "tlscacert");
        addValue(cases, f -> f.routes, "routes");
        addValue(cases, f -> f.clusterListen, "cluster", "cluster_listen");
        addValue(cases, f -> f.clusterName, "cluster_name");
        addValue(cases, f -> f.clusterAdvertise, "cluster_advertise");
        return cases.stream();
    }

    static Stream<Arguments> intFlags() {
        List<Arguments> cases = new ArrayList<>();
        addValue(cases, f -> f.port, "p", "port");
        addValue(cases, f -> f.httpPort, "m", "http_port");
        addValue(cases, f -> f.httpsPort, "ms", "https_port");
        addValue(cases, f -> f.logSizeLimit, "log_size_limit");
        addValue(cases, f -> f.maxTracedMsgLen, "max_traced_msg_len");
        addValue(cases, f -> f.connectRetries, "connect_retries");
        addValue(cases, f -> f.profilePort, "profile");
        return cases.stream();
    }

    static Stream<Arguments> boolFlags() {
        List<Arguments> cases = new ArrayList<>();
        addValue(cases, f -> f.checkConfig, "t");
        addValue(cases, f -> f.syslog, "s", "syslog");
        addValue(cases, f -> f.debug, "D", "debug");
        addValue(cases, f -> f.trace, "V", "trace");
        addValue(cases, f -> f.traceVerbose, "VV");
        addValue(cases, f -> f.debugAndTrace, "DV");
        addValue(cases, f -> f.debugAndTraceVerbose, "DVV");
        addValue(cases, f -> f.jetstream, "js", "jetstream");
        addValue(cases, f -> f.tls, "tls");
        addValue(cases, f -> f.tlsVerify, "tlsverify");
        addValue(cases, f -> f.noAdvertise, "no_advertise");
        addValue(cases, f -> f.help, "h", "help");
        addValue(cases, f -> f.version, "v", "version");
        addValue(cases, f -> f.helpTls, "help_tls");
        return cases.stream();
    }

    private static void addValue(List<Arguments> cases, Function<Flags, Object> field, String... names) {
        for (String name : names) {
            cases.add(Arguments.of(name, field));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueFlags")
    void valueFlagInEverySpelling(String name, Function<Flags, Object> field) throws Exception {
        assertThat(field.apply(FlagParser.parse("-" + name, "v1"))).isEqualTo("v1");
        assertThat(field.apply(FlagParser.parse("--" + name, "v2"))).isEqualTo("v2");
        assertThat(field.apply(FlagParser.parse("-" + name + "=v3"))).isEqualTo("v3");
        assertThat(field.apply(FlagParser.parse("--" + name + "=v4"))).isEqualTo("v4");
        // Go takes the next argument as the value even when it looks like a flag.
        assertThat(field.apply(FlagParser.parse("-" + name, "-D"))).isEqualTo("-D");
        assertThat(field.apply(FlagParser.parse("--" + name + "="))).isEqualTo("");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intFlags")
    void intFlagInEverySpelling(String name, Function<Flags, Object> field) throws Exception {
        assertThat(field.apply(FlagParser.parse("-" + name, "11"))).isEqualTo(11L);
        assertThat(field.apply(FlagParser.parse("--" + name, "12"))).isEqualTo(12L);
        assertThat(field.apply(FlagParser.parse("-" + name + "=13"))).isEqualTo(13L);
        assertThat(field.apply(FlagParser.parse("--" + name + "=0x10"))).isEqualTo(16L);
        assertThat(field.apply(FlagParser.parse("-" + name, "-1"))).isEqualTo(-1L);
        assertThatThrownBy(() -> FlagParser.parse("--" + name, "x")).isInstanceOf(FlagException.class)
                .hasMessage("invalid value \"x\" for flag -" + name + ": parse error");
        assertThatThrownBy(() -> FlagParser.parse("-" + name)).isInstanceOf(FlagException.class)
                .hasMessage("flag needs an argument: -" + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boolFlags")
    void boolFlagInEverySpelling(String name, Function<Flags, Object> field) throws Exception {
        assertThat(field.apply(FlagParser.parse())).isEqualTo(false);
        assertThat(field.apply(FlagParser.parse("-" + name))).isEqualTo(true);
        assertThat(field.apply(FlagParser.parse("--" + name))).isEqualTo(true);
        assertThat(field.apply(FlagParser.parse("-" + name + "=true"))).isEqualTo(true);
        assertThat(field.apply(FlagParser.parse("--" + name + "=1"))).isEqualTo(true);
        assertThat(field.apply(FlagParser.parse("-" + name + "=false"))).isEqualTo(false);
        assertThat(field.apply(FlagParser.parse("--" + name + "=F"))).isEqualTo(false);
        assertThatThrownBy(() -> FlagParser.parse("--" + name + "=maybe")).isInstanceOf(FlagException.class)
                .hasMessage("invalid boolean value \"maybe\" for -" + name + ": parse error");
    }

    @Test
    void logtimeDefaultsToTrueAndCanBeSwitchedOff() throws Exception {
        assertThat(FlagParser.parse().logtime).isTrue();
        assertThat(FlagParser.parse("-T=false").logtime).isFalse();
        assertThat(FlagParser.parse("--logtime=0").logtime).isFalse();
        assertThat(FlagParser.parse("-T=false", "-T").logtime).isTrue();
    }

    @Test
    void aBooleanFlagDoesNotConsumeTheNextArgument() throws Exception {
        Flags f = FlagParser.parse("-D", "true");
        assertThat(f.debug).isTrue();
        assertThat(f.commands).containsExactly("true");
    }

    @Test
    void combinedShortFlagsAreNotClustered() throws Exception {
        Flags dv = FlagParser.parse("-DV");
        assertThat(dv.debug).isFalse();
        assertThat(dv.trace).isFalse();
        assertThat(dv.debugAndTrace).isTrue();
        assertThatThrownBy(() -> FlagParser.parse("-DT")).isInstanceOf(FlagException.class)
                .hasMessage("flag provided but not defined: -DT");
        assertThatThrownBy(() -> FlagParser.parse("-p4222")).isInstanceOf(FlagException.class)
                .hasMessage("flag provided but not defined: -p4222");
    }

    @Test
    void debugAndTraceCombinationsFollowNatsServer() throws Exception {
        assertThat(FlagParser.parse("-D").debugEnabled()).isTrue();
        assertThat(FlagParser.parse("-D").traceEnabled()).isFalse();
        assertThat(FlagParser.parse("-V").debugEnabled()).isFalse();
        assertThat(FlagParser.parse("-V").traceEnabled()).isTrue();
        assertThat(FlagParser.parse("-VV").traceEnabled()).isTrue();
        assertThat(FlagParser.parse("-VV").traceVerboseEnabled()).isTrue();
        assertThat(FlagParser.parse("-VV").debugEnabled()).isFalse();
        assertThat(FlagParser.parse("-DV").debugEnabled()).isTrue();
        assertThat(FlagParser.parse("-DV").traceEnabled()).isTrue();
        assertThat(FlagParser.parse("-DV").traceVerboseEnabled()).isFalse();
        Flags dvv = FlagParser.parse("--DVV");
        assertThat(dvv.debugEnabled()).isTrue();
        assertThat(dvv.traceEnabled()).isTrue();
        assertThat(dvv.traceVerboseEnabled()).isTrue();
        // A combination flag switched off does not switch off the single flags.
        Flags off = FlagParser.parse("-D", "-DV=false");
        assertThat(off.debugEnabled()).isTrue();
        assertThat(off.traceEnabled()).isFalse();
    }

    @Test
    void theLastOccurrenceWins() throws Exception {
        assertThat(FlagParser.parse("-p", "1", "--port=2", "-port", "3").port).isEqualTo(3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-foo", "--foo", "-foo=1", "--foo=bar", "--ping_interval", "-max_payload",
        "-http_base_path", "-no_sublist_cache"})
    void unknownFlagsAreRejectedInGoWording(String arg) {
        String bare = arg.replaceFirst("^-+", "").replaceFirst("=.*", "");
        assertThatThrownBy(() -> FlagParser.parse("-p", "4222", arg)).isInstanceOf(FlagException.class)
                .hasMessage("flag provided but not defined: -" + bare);
    }

    @Test
    void errorsNameTheFlagAsTyped() {
        assertThatThrownBy(() -> FlagParser.parse("--port=abc")).hasMessage(
                "invalid value \"abc\" for flag -port: parse error");
        assertThatThrownBy(() -> FlagParser.parse("-a", "h", "-p", "abc")).hasMessage(
                "invalid value \"abc\" for flag -p: parse error");
        assertThatThrownBy(() -> FlagParser.parse("--debug=abc")).hasMessage(
                "invalid boolean value \"abc\" for -debug: parse error");
        assertThatThrownBy(() -> FlagParser.parse("-m", "99999999999999999999")).hasMessage(
                "invalid value \"99999999999999999999\" for flag -m: value out of range");
    }

    @Test
    void parsingStopsAtTheFirstNonFlagArgument() throws Exception {
        Flags f = FlagParser.parse("-p", "1", "version", "-D", "--bogus");
        assertThat(f.port).isEqualTo(1L);
        assertThat(f.debug).isFalse();
        assertThat(f.commands).containsExactly("version", "-D", "--bogus");
        assertThat(FlagParser.parse("--", "-D").commands).containsExactly("-D");
    }

    @Test
    void atSignsAreNotFileExpansions() throws Exception {
        assertThat(FlagParser.parse("--pass", "@secret").password).isEqualTo("@secret");
    }
}
