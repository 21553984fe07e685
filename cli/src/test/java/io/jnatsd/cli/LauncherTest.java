package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.ServerVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's answers that do not start a server, run in-process. */
class LauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "--version", "-version", "version", "VERSION"})
    void versionPrintsTheServerVersionLikeNatsServer(String arg) {
        assertThat(run(arg)).isZero();
        assertThat(out()).isEqualTo("nats-server: v" + ServerVersion.VERSION + System.lineSeparator());
        assertThat(out()).matches("nats-server: v\\d+\\.\\d+\\.\\d+\\R");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "-help", "help"})
    void helpListsEveryFlagAndExitsZero(String arg) {
        assertThat(run(arg)).isZero();
        assertThat(out()).startsWith("\nUsage: jnatsd [options]\n");
        for (String flag : new String[] {"--addr", "--net", "--port", "--name", "--server_name", "--pid",
            "--http_port", "--https_port", "--config", "-t ", "--signal", "--client_advertise", "--ports_file_dir",
            "--log", "--logtime", "--syslog", "--remote_syslog", "--debug", "--trace", "-VV", "-DV", "-DVV",
            "--log_size_limit", "--max_traced_msg_len", "--jetstream", "--store_dir", "--user", "--pass",
            "--auth", "--tls ", "--tlscert", "--tlskey", "--tlsverify", "--tlscacert", "--routes", "--cluster ",
            "--cluster_name", "--no_advertise", "--cluster_advertise", "--connect_retries", "--cluster_listen",
            "--profile", "--help", "--version", "--help_tls"}) {
            assertThat(out()).as(flag).contains(flag);
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void tlsHelpExitsZero() {
        assertThat(run("--help_tls")).isZero();
        assertThat(out()).contains("tls {").contains("cert_file").contains("--tlsverify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-foo", "--foo=bar", "-ping_interval"})
    void anUnknownFlagIsOneLineAndExitCodeOne(String arg) {
        assertThat(run("-p", "4222", arg)).isEqualTo(1);
        assertThat(err()).matches("jnatsd: flag provided but not defined: -\\w+\\R");
        assertThat(out()).isEmpty();
    }

    @Test
    void aBadValueIsOneLineAndExitCodeOne() {
        assertThat(run("-p", "x")).isEqualTo(1);
        assertThat(err()).isEqualTo("jnatsd: invalid value \"x\" for flag -p: parse error" + System.lineSeparator());
    }

    @Test
    void anInvalidOptionIsOneLineAndExitCodeOne() {
        assertThat(run("-p", "70000")).isEqualTo(1);
        assertThat(err().lines()).hasSize(1).allMatch(l -> l.startsWith("jnatsd: port: 70000"));
        err.reset();
        assertThat(run("--pass", "secret")).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: pass: a password needs a user");
    }

    @Test
    void anUnknownCommandIsRefused() {
        assertThat(run("-p", "1", "start")).isEqualTo(1);
        assertThat(err().lines()).containsExactly("jnatsd: unrecognized command: \"start\"");
    }

    @Test
    void checkingWithoutAConfigFileIsRefusedLikeNatsServer() {
        assertThat(run("-t", "-p", "4333")).isEqualTo(1);
        assertThat(err().lines())
                .containsExactly("jnatsd: must specify [-c, --config] option to check configuration file syntax");
    }

    @Test
    void checkingAMissingConfigFileFails() {
        assertThat(run("-t", "-c", "/nonexistent/jnatsd.conf")).isEqualTo(1);
        assertThat(err().lines())
                .containsExactly("jnatsd: open /nonexistent/jnatsd.conf: no such file or directory");
    }

    @Test
    void aValidConfigFileIsVouchedForOnStderrLikeNatsServer(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("x.conf"), "port: 4333\n");
        assertThat(run("-t", "-c", conf.toString())).isZero();
        assertThat(err().lines()).containsExactly("nats-server: configuration file " + conf + " is valid");
        assertThat(out()).isEmpty();
    }

    @Test
    void checkingValidatesFlagsFirst() {
        assertThat(run("-t", "-p", "70000")).isEqualTo(1);
        assertThat(err().lines()).hasSize(1).allMatch(l -> l.startsWith("jnatsd: port: 70000"));
    }
}
