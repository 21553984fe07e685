package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** bin/jnatsd -c: a real process serving what its config file says, with the flags given on top. */
@Timeout(120)
class ConfigFileProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String infoLine(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void servesWithTheFilesOptionsUnderTheFlagsAndPrintsItsWarnings(@TempDir Path dir) throws Exception {
        int filePort = freePort();
        int flagPort = freePort();
        Path conf = Files.writeString(dir.resolve("server.conf"), "listen: 127.0.0.1:" + filePort + "\n"
                + "server_name: from_file\nmax_payload: 2KB\nwrite_deadline: 3\nmqtt { port: 1883 }\n");
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-c", conf.toString(), "-p", Integer.toString(flagPort))) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            String info = infoLine(flagPort);
            assertThat(info).contains("\"max_payload\":2048").contains("\"server_name\":\"from_file\"")
                    .contains("\"port\":" + flagPort);
            assertThat(jnatsd.err()).contains(conf + ":4:1: invalid use of field \"write_deadline\": "
                    + "write_deadline should be converted to a duration");
            assertThat(jnatsd.err()).anyMatch(l -> l.endsWith("[INF] Using configuration file: " + conf))
                    .anyMatch(l -> l.endsWith("[WRN] Configuration option mqtt ignored: not supported by jnatsd yet"))
                    .noneMatch(l -> l.contains("127.0.0.1:" + filePort));
            jnatsd.terminate();
            assertThat(jnatsd.awaitExit(EXIT)).as("stderr: %s", jnatsd.err()).isZero();
        }
    }

    @Test
    void aBadFileStopsStartupWithTheErrorAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "port: 4222\nauthorization { user: a,\n");
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-c", conf.toString())) {
            assertThat(jnatsd.awaitExit(STARTUP)).isEqualTo(1);
            assertThat(jnatsd.err()).containsExactly("jnatsd: " + conf + ":3:1: Unexpected EOF processing map key.");
        }
    }
}
