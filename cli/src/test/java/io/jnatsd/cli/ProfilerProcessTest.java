package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profiler must not be mistaken for a signal. HotSpot suspends threads with SIGUSR2 by default (JFR's sampler does,
 * every few milliseconds), and USR2 is nats-server's lame duck signal, so bin/jnatsd moves the JVM's suspend signal.
 */
@Timeout(120)
class ProfilerProcessTest {
    @Test
    void aFlightRecordingSamplesWithoutPuttingTheServerIntoLameDuckMode(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path recording = dir.resolve("profile.jfr");
        try (JnatsdProcess jnatsd = JnatsdProcess.start(
                Map.of("JAVA_OPTS", "-XX:StartFlightRecording=filename=" + recording + ",settings=profile"),
                "-a", "127.0.0.1", "-p", Integer.toString(port))) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), Duration.ofSeconds(60)))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            // The sampler runs every 10-20 ms: two seconds is a hundred chances to hit the old lame duck handler.
            assertThat(jnatsd.awaitErr(l -> l.contains("lame duck"), Duration.ofSeconds(2)))
                    .as("stderr: %s", jnatsd.err()).isNull();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                String info = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(info).startsWith("INFO ");
            }
        }
    }
}
