package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jnatsd.protocol.ServerVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** bin/jnatsd end to end: a real JVM process, real signals, real sockets. */
@Timeout(120)
class LauncherProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final String TIME = "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String readInfoLine(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    @Test
    void servesAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path pidFile = dir.resolve("jnatsd.pid");
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port),
                "-P", pidFile.toString(), "--ports_file_dir", dir.toString())) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            // exec: the PID in the log lines is the process bin/jnatsd started, i.e. the script became the JVM.
            String pid = Long.toString(jnatsd.pid());
            assertThat(jnatsd.err().get(0)).startsWith("[" + pid + "] ");
            assertThat(jnatsd.err()).anyMatch(l -> l.matches("\\[" + pid + "\\] " + TIME
                    + " \\[INF\\] Listening for client connections on 127\\.0\\.0\\.1:" + port));
            assertThat(jnatsd.err()).anyMatch(l -> l.matches("\\[" + pid + "\\] " + TIME
                    + " \\[INF\\] Starting nats-server"));

            assertThat(readInfoLine(port)).startsWith("INFO {");

            assertThat(pidFile).hasContent(pid);
            Path portsFile = dir.resolve("jnatsd_" + pid + ".ports");
            assertThat(Files.readString(portsFile)).isEqualTo("{\"nats\":[\"nats://127.0.0.1:" + port + "\"]}");

            jnatsd.terminate();
            assertThat(jnatsd.awaitExit(EXIT)).as("stderr: %s", jnatsd.err()).isZero();
            assertThat(jnatsd.err()).anyMatch(l -> l.endsWith("[INF] Initiating Shutdown..."))
                    .anyMatch(l -> l.endsWith("[INF] Server Exiting.."));
            assertThat(pidFile).doesNotExist();
            assertThat(portsFile).doesNotExist();
        }
    }

    @Test
    void sigintAlsoStopsCleanlyAndDebugWithoutLogtimeShowsTheSignal() throws Exception {
        // A process started with SIGINT ignored (background job of a non-interactive shell) passes that on, and
        // the JVM cannot un-ignore it; then there is nothing to test.
        assumeFalse(sigintIgnoredHere(), "SIGINT is ignored by this test JVM, so by the child too");
        int port = freePort();
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port),
                "-T=false", "-D")) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            jnatsd.signal("INT");
            assertThat(jnatsd.awaitExit(EXIT)).as("stderr: %s", jnatsd.err()).isZero();
            String prefix = "[" + jnatsd.pid() + "] ";
            assertThat(jnatsd.err()).contains(prefix + "[DBG] Trapped \"interrupt\" signal",
                    prefix + "[INF] Server Exiting..");
            assertThat(jnatsd.err()).filteredOn(l -> l.startsWith("[")).allMatch(l -> l.startsWith(prefix + "["));
        }
    }

    /** Bit 2 (SIGINT) of the ignored-signals mask in /proc/self/status. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    @Test
    void aPortInUseIsFatalWithExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p",
                    Integer.toString(taken.getLocalPort()))) {
                assertThat(jnatsd.awaitExit(STARTUP)).as("stderr: %s", jnatsd.err()).isEqualTo(1);
                assertThat(jnatsd.err()).anyMatch(l -> l.matches("\\[" + jnatsd.pid() + "\\] " + TIME
                        + " \\[FTL\\] .*" + taken.getLocalPort() + ".*"));
                assertThat(jnatsd.err()).noneMatch(l -> l.contains("Server is ready"));
            }
        }
    }

    @Test
    void logFileReceivesTheLog(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("jnatsd.log");
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port),
                "-l", log.toString())) {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains("Server is ready"))
                    && System.nanoTime() < deadline && jnatsd.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(log).exists();
            assertThat(Files.readString(log)).contains("[INF] Server is ready");
            jnatsd.terminate();
            assertThat(jnatsd.awaitExit(EXIT)).isZero();
            assertThat(Files.readString(log)).contains("[INF] Server Exiting..");
            assertThat(jnatsd.err()).noneMatch(l -> l.contains("[INF]"));
        }
    }

    @Test
    void versionThroughTheLauncher() throws Exception {
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-v")) {
            assertThat(jnatsd.awaitExit(STARTUP)).isZero();
            assertThat(jnatsd.out()).containsExactly("nats-server: v" + ServerVersion.VERSION);
        }
    }

    @Test
    void helpThroughTheLauncherExitsZero() throws Exception {
        try (JnatsdProcess jnatsd = JnatsdProcess.start("--help")) {
            assertThat(jnatsd.awaitExit(STARTUP)).isZero();
            assertThat(jnatsd.out()).contains("Usage: jnatsd [options]");
        }
    }

    @Test
    void anUnknownFlagThroughTheLauncherExitsOneWithOneLine() throws Exception {
        try (JnatsdProcess jnatsd = JnatsdProcess.start("--bogus", "-p", "4222")) {
            assertThat(jnatsd.awaitExit(STARTUP)).isEqualTo(1);
            assertThat(jnatsd.err()).containsExactly("jnatsd: flag provided but not defined: -bogus");
            assertThat(jnatsd.out()).isEmpty();
        }
    }
}
