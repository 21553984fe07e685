package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFilesTest {

    @Test
    void portsJsonIsCompactLikeNatsServers() {
        Map<String, List<String>> ports = new LinkedHashMap<>();
        ports.put("nats", List.of("nats://127.0.0.1:14222", "nats://[::1]:14222"));
        ports.put("monitoring", List.of("http://127.0.0.1:18222"));
        assertThat(RuntimeFiles.portsJson(ports)).isEqualTo(
                "{\"nats\":[\"nats://127.0.0.1:14222\",\"nats://[::1]:14222\"],"
                        + "\"monitoring\":[\"http://127.0.0.1:18222\"]}");
    }

    @Test
    void filesAreWrittenAndRemovedOnce(@TempDir Path dir) throws Exception {
        RuntimeFiles files = new RuntimeFiles();
        Path pid = dir.resolve("x.pid");
        files.writePid(pid, 1234);
        Path ports = files.writePorts(dir, 1234, Map.of("nats", List.of("nats://127.0.0.1:4222")));
        assertThat(pid).hasContent("1234");
        assertThat(Files.readString(pid)).isEqualTo("1234");
        assertThat(ports.getFileName().toString()).isEqualTo("jnatsd_1234.ports");
        assertThat(Files.readString(ports)).isEqualTo("{\"nats\":[\"nats://127.0.0.1:4222\"]}");
        files.removeAll();
        assertThat(pid).doesNotExist();
        assertThat(ports).doesNotExist();
        files.removeAll(); // idempotent: the shutdown hook may run it again
    }
}
