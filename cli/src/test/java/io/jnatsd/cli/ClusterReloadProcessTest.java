package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP with an edited cluster block against a real bin/jnatsd process, in nats-server 2.9.10's log words. */
@Timeout(120)
class ClusterReloadProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String config(int port, int clusterPort, String more) {
        return "host: 127.0.0.1\nport: " + port + "\ncluster {\n  name: c1\n  listen: 127.0.0.1:" + clusterPort
                + "\n" + more + "}\n";
    }

    @Test
    void hangupAppliesRoutesAndAuthorizationAndRefusesAMovedListener(@TempDir Path dir) throws Exception {
        int port = freePort();
        int clusterPort = freePort();
        Path conf = dir.resolve("jnatsd.conf");
        Files.writeString(conf, config(port, clusterPort, ""));
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-c", conf.toString())) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            int nobody = freePort();
            Files.writeString(conf, config(port, clusterPort, "  routes: [\"nats-route://ru:secret@127.0.0.1:"
                    + nobody + "\"]\n  authorization { user: ru, password: secret }\n"));
            jnatsd.signal("HUP");
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Reloaded: cluster"), SHORT))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Reloaded: cluster routes"), SHORT)).isNotNull();
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Reloaded server configuration"), SHORT)).isNotNull();
            assertThat(jnatsd.err()).noneMatch(l -> l.contains("secret"));

            int moved = freePort();
            Files.writeString(conf, config(port, moved, ""));
            jnatsd.signal("HUP");
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[ERR] Failed to reload server configuration: config reload "
                    + "not supported for cluster port: old=" + clusterPort + ", new=" + moved), SHORT))
                    .as("stderr: %s", jnatsd.err()).isNotNull();
            assertThat(jnatsd.isAlive()).isTrue();
        }
    }
}
