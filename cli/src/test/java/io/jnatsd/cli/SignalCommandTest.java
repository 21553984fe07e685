package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --signal's refusals, worded as nats-server's (checked against v2.9.10 by hand: see docs/operations.md). */
class SignalCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Launcher(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommand() {
        assertThat(run("--signal", "foo=1")).isEqualTo(1);
        assertThat(err()).isEqualTo("jnatsd: unknown signal \"foo\"\n");
    }

    @Test
    void pidFileThatDoesNotExistIsAnInvalidPid() {
        assertThat(run("--signal", "reload=/nonexistent/jnatsd.pid")).isEqualTo(1);
        assertThat(err()).isEqualTo("jnatsd: invalid pid: /nonexistent/jnatsd.pid\n");
    }

    @Test
    void pidFileWithoutANumberShowsItsContent(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("bad.pid");
        Files.writeString(pidFile, "abc\n");
        assertThat(run("--signal", "reload=" + pidFile)).isEqualTo(1);
        assertThat(err()).isEqualTo("jnatsd: invalid pid: abc\n\n");
    }

    @Test
    void pidOfNoProcess() {
        assertThat(run("--signal", "reload=999999999")).isEqualTo(1);
        assertThat(err()).isEqualTo("jnatsd: no such process\n");
    }

    @Test
    void commandsMapToNatsServersSignals() {
        assertThat(SignalCommand.SIGNALS).containsEntry("stop", "KILL").containsEntry("quit", "INT")
                .containsEntry("term", "TERM").containsEntry("reopen", "USR1").containsEntry("reload", "HUP")
                .containsEntry("ldm", "USR2").hasSize(6);
    }
}
