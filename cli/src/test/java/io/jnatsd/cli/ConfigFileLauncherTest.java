package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -c and -t in-process: the file under the flags, -t's answers, and refusals of bad files at startup. */
class ConfigFileLauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private int run(Map<String, String> environment, String... args) {
        return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment::get).run(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String conf(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static ServerOptions assemble(String... args) throws FlagException {
        OptionsAssembly.Outcome outcome = OptionsAssembly.assemble(FlagParser.parse(args),
                Map.<String, String>of()::get);
        assertThat(outcome.errors()).isEmpty();
        return outcome.options();
    }

    @Test
    void theFileSetsTheOptions() throws Exception {
        String f = conf("a.conf", "listen: 127.0.0.1:4333\nmax_payload: 2KB\nserver_name: from-file\ndebug: true\n"
                + "logtime: false\nping_interval: \"5s\"\nauthorization { token: t }\n");
        ServerOptions o = assemble("-c", f);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(4333);
        assertThat(o.maxPayload()).isEqualTo(2048);
        assertThat(o.serverName()).isEqualTo("from-file");
        assertThat(o.debug()).isTrue();
        assertThat(o.logtime()).isFalse();
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.authToken()).isEqualTo("t");
        assertThat(o.configFile()).isEqualTo(f);
    }

    @Test
    void flagsGivenOnTheCommandLineWinOverTheFile() throws Exception {
        String f = conf("a.conf", "listen: 127.0.0.1:4333\nserver_name: file\ndebug: true\nlogtime: false\n"
                + "trace: false\nhttp_port: 8222\nauthorization { user: fu, password: fp }\n");
        ServerOptions o = assemble("-c", f, "-p", "4999", "-n", "flag", "-D=false", "-T", "-V", "-m", "8333",
                "--user", "cu", "--pass", "cp");
        assertThat(o.port()).isEqualTo(4999);
        assertThat(o.host()).isEqualTo("127.0.0.1"); // not given as a flag: the file's
        assertThat(o.serverName()).isEqualTo("flag");
        assertThat(o.debug()).isFalse();
        assertThat(o.logtime()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.httpPort()).isEqualTo(8333);
        assertThat(o.user()).isEqualTo("cu");
        assertThat(o.password()).isEqualTo("cp");
    }

    @Test
    void booleanFlagsNotGivenLeaveTheFileAlone() throws Exception {
        String f = conf("a.conf", "debug: true\ntrace: true\nlogtime: false\njetstream: enabled\n");
        ServerOptions o = assemble("-c", f, "-p", "4999");
        assertThat(o.debug()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.logtime()).isFalse();
        assertThat(o.jetstream()).isTrue();
        ServerOptions combined = assemble("-c", conf("b.conf", "debug: false\n"), "-DV");
        assertThat(combined.debug()).isTrue();
        assertThat(combined.trace()).isTrue();
    }

    @Test
    void checkingAValidFileSaysSoOnStderrAndExitsZero() throws IOException {
        String f = conf("ok.conf", "port: 4333\nmax_payload: 1MB\ncluster { name: c }\naccounts { A: {} }\n");
        assertThat(run("-t", "-c", f)).isZero();
        assertThat(err().lines()).containsExactly("nats-server: configuration file " + f + " is valid");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void checkingASyntaxErrorPrintsItsPositionAndExitsOne() throws IOException {
        String f = conf("bad.conf", "port: 4222\nserver_name x y\n");
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f + ":2:15: Expected a top-level value to end with "
                + "a new line, comment or EOF, but got 'y' instead.");
    }

    @Test
    void checkingPrintsEverySemanticErrorOnItsOwnLine() throws IOException {
        String f = conf("bad.conf", "foo: 1\nport: \"x\"\n");
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f + ":1:1: unknown field \"foo\"",
                "jnatsd: " + f + ":2:1: interface conversion: interface {} is string, not int64");
    }

    @Test
    void checkingTreatsWarningsAsErrorsLikeNatsServer() throws IOException {
        String f = conf("warn.conf", "ping_interval: 30\n");
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f + ":1:1: invalid use of field \"ping_interval\": "
                + "ping_interval should be converted to a duration");
    }

    @Test
    void checkingValidatesTheOptionsAndPointsAtTheKey() throws IOException {
        String f = conf("neg.conf", "port: 4222\n\nmax_payload: -1\n");
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f + ":3:1: max_payload: must be positive, got -1");
    }

    @Test
    void aFlagThatReplacesABadFileValueRepairsIt() throws IOException {
        String f = conf("port.conf", "port: 70000\n");
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err()).contains(f + ":1:1: port: 70000 is not a valid port");
        err.reset();
        assertThat(run("-t", "-c", f, "-p", "4444")).isZero();
        err.reset();
        assertThat(run("-t", "-c", f, "-p", "80000")).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: port: 80000 is not a valid port (0-65535, -1 for random)");
    }

    @Test
    void environmentVariablesFillVariablesTheFileDoesNotDefine() throws IOException {
        String f = conf("env.conf", "max_payload: $JNATSD_TEST_MP\n");
        assertThat(run(Map.of("JNATSD_TEST_MP", "2KB"), "-t", "-c", f)).isZero();
        err.reset();
        assertThat(run("-t", "-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f
                + ":1:14: variable reference for 'JNATSD_TEST_MP' on line 1 can not be found");
    }

    @Test
    void includesAreRelativeToTheFile() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        conf("conf.d/auth.conf", "authorization { user: a, password: b }\n");
        String f = conf("main.conf", "include conf.d/auth.conf\nport: 4333\n");
        assertThat(run("-t", "-c", f)).isZero();
    }

    @Test
    void aMissingFileOrADirectoryIsWordedLikeGo() {
        assertThat(run("-t", "-c", dir.resolve("none.conf").toString())).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: open " + dir.resolve("none.conf")
                + ": no such file or directory");
        err.reset();
        assertThat(run("-t", "-c", dir.toString())).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: read " + dir + ": is a directory");
    }

    @Test
    void aBadFileAtStartupIsRefusedBeforeAnythingStarts() throws IOException {
        String f = conf("bad.conf", "listen: 127.0.0.1:4333\nunknown_key: 1\n");
        assertThat(run("-c", f)).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: " + f + ":2:1: unknown field \"unknown_key\"");
    }

    @Test
    void configKeysWithoutEffectYetAreListedForTheStartupWarning() throws Exception {
        String f = conf("later.conf", "port: 1\nmqtt { }\ncluster { name: c }\nsyslog: true\nmax_payload: 1k\n");
        OptionsAssembly.Outcome outcome = OptionsAssembly.assemble(FlagParser.parse("-c", f),
                Map.<String, String>of()::get);
        assertThat(ConfigSupport.unsupportedInUse(outcome.configKeys())).containsExactly("mqtt", "syslog");
    }
}
