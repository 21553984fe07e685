package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Signals against a real bin/jnatsd process: reload (HUP), reopen (USR1), lame duck (USR2), --signal. */
@Timeout(120)
class SignalProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String infoLine(int port) throws IOException {
        try (Socket socket = connect(port)) {
            return reader(socket).readLine();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** --signal run in-process, as a second jnatsd invocation would; returns exit code and stderr. */
    private static String signal(String argument) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Launcher(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("--signal", argument);
        return code + err.toString(StandardCharsets.UTF_8);
    }

    private static JnatsdProcess started(Path config, Path pidFile, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-c", config.toString(), "-P", pidFile.toString()));
        args.addAll(List.of(more));
        JnatsdProcess jnatsd = JnatsdProcess.start(args.toArray(String[]::new));
        if (more.length == 0) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
        }
        // The pid file is written just after "Server is ready"; --signal needs it complete.
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!(Files.exists(pidFile) && Files.readString(pidFile).equals(Long.toString(jnatsd.pid())))) {
            assertThat(System.nanoTime()).as("pid file %s", pidFile).isLessThan(deadline);
            Thread.sleep(20);
        }
        return jnatsd;
    }

    @Test
    void reloadAppliesTheEditedFileAndKeepsTheRunningConfigWhenTheFileIsBroken(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        Path config = dir.resolve("jnatsd.conf");
        Path pidFile = dir.resolve("jnatsd.pid");
        Files.writeString(config, "host: 127.0.0.1\nport: " + port + "\nmax_payload: 1000\n");
        try (JnatsdProcess jnatsd = started(config, pidFile)) {
            Files.writeString(config, "host: 127.0.0.1\nport: " + port + "\nmax_payload: 2000\n");
            assertThat(signal("reload=" + pidFile)).isEqualTo("0");
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Reloaded: max_payload = 2000"), SHORT))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Reloaded server configuration"), SHORT)).isNotNull();
            assertThat(infoLine(port)).contains("\"max_payload\":2000");

            Files.writeString(config, "port: " + port + " {\n");
            jnatsd.signal("HUP");
            assertThat(jnatsd.awaitErr(l -> l.contains("[ERR] Failed to reload server configuration: "), SHORT))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(infoLine(port)).contains("\"max_payload\":2000");

            Files.writeString(config, "host: 127.0.0.1\nport: " + freePort() + "\n");
            jnatsd.signal("HUP");
            assertThat(jnatsd.awaitErr(l -> l.contains("[ERR] Failed to reload server configuration: "
                    + "config reload not supported for Port: old=" + port), SHORT))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(jnatsd.isAlive()).isTrue();
        }
    }

    @Test
    void usr1ReopensTheLogFileAfterItWasMoved(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path config = dir.resolve("jnatsd.conf");
        Path log = dir.resolve("jnatsd.log");
        Files.writeString(config, "host: 127.0.0.1\nport: " + port + "\nlog_file: \"" + log + "\"\n");
        try (JnatsdProcess jnatsd = started(config, dir.resolve("jnatsd.pid"), "-D")) {
            awaitFileLine(log, "[INF] Server is ready");
            Path rotated = dir.resolve("jnatsd.log.1");
            Files.move(log, rotated);
            jnatsd.signal("USR1");
            awaitFileLine(log, "[INF] File log re-opened");
            assertThat(Files.readString(rotated)).contains("[DBG] Trapped \"user defined signal 1\" signal")
                    .doesNotContain("re-opened");
        }
    }

    private static void awaitFileLine(Path file, String suffix) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.endsWith(suffix))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line ending with " + suffix + " in " + file);
    }

    @Test
    void lameDuckTellsClientsClosesThemAndExitsZero(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path config = dir.resolve("jnatsd.conf");
        Path pidFile = dir.resolve("jnatsd.pid");
        // nats-server's minimum duration is 30s; with one client it is closed right after the grace period.
        Files.writeString(config, "host: 127.0.0.1\nport: " + port
                + "\nlame_duck_duration: \"30s\"\nlame_duck_grace_period: \"1s\"\n");
        try (JnatsdProcess jnatsd = started(config, pidFile); Socket client = connect(port)) {
            BufferedReader in = reader(client);
            assertThat(in.readLine()).startsWith("INFO ");
            client.getOutputStream().write("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("PONG");

            assertThat(signal("ldm=" + pidFile)).isEqualTo("0");

            String line = in.readLine();
            while ("PING".equals(line)) {
                line = in.readLine();
            }
            assertThat(line).startsWith("INFO ").endsWith(",\"ldm\":true} ");
            line = in.readLine();
            while ("PING".equals(line)) { // keepalive pings may come before the close; nothing else may
                line = in.readLine();
            }
            assertThat(line).isNull(); // closed by the server
            assertThat(jnatsd.awaitExit(SHORT)).isZero();
            List<String> err = jnatsd.err();
            assertThat(err).anyMatch(l -> l.endsWith("[INF] Entering lame duck mode, stop accepting new clients"));
            assertThat(err).anyMatch(l -> l.endsWith("[INF] Closing existing clients"));
            assertThat(err).anyMatch(l -> l.endsWith("[INF] Initiating Shutdown..."));
            assertThat(err.get(err.size() - 1)).endsWith("[INF] Server Exiting..");
        }
    }

    @Test
    void signalStopKillsTheProcessNamedByThePidFile(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path config = dir.resolve("jnatsd.conf");
        Path pidFile = dir.resolve("jnatsd.pid");
        Files.writeString(config, "host: 127.0.0.1\nport: " + port + "\n");
        try (JnatsdProcess jnatsd = started(config, pidFile)) {
            assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(jnatsd.pid()));
            assertThat(signal("stop=" + pidFile)).isEqualTo("0");
            // nats-server's "stop" is SIGKILL: no clean shutdown, exit status 128 + 9.
            assertThat(jnatsd.awaitExit(SHORT)).isEqualTo(137);
        }
    }
}
