package io.jnatsd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PID file (-P) and ports file (--ports_file_dir) of a running server, in nats-server's formats, and their
 * removal at exit. Removal may run from both the main thread and a shutdown hook, so it is idempotent.
 */
final class RuntimeFiles {
    /** nats-server names the ports file after its executable; ours is the launcher. */
    static final String EXECUTABLE_NAME = "jnatsd";

    private final List<Path> written = new ArrayList<>();

    /** The bare PID, no newline, like nats-server. */
    synchronized void writePid(Path file, long pid) throws IOException {
        Files.writeString(file, Long.toString(pid));
        written.add(file);
    }

    /** {@code <dir>/jnatsd_<pid>.ports}; {@code ports} maps "nats", "monitoring", ... to URL lists, in order. */
    synchronized Path writePorts(Path dir, long pid, Map<String, List<String>> ports) throws IOException {
        Path file = dir.resolve(EXECUTABLE_NAME + "_" + pid + ".ports");
        Files.writeString(file, portsJson(ports));
        written.add(file);
        return file;
    }

    synchronized void removeAll() {
        for (Path file : written) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Best effort at exit, as in nats-server.
            }
        }
        written.clear();
    }

    /** {"nats":["nats://127.0.0.1:4222"]}: compact, keys in the given order. */
    static String portsJson(Map<String, List<String>> ports) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, List<String>> entry : ports.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(entry.getKey())).append(":[");
            List<String> urls = entry.getValue();
            for (int i = 0; i < urls.size(); i++) {
                json.append(i == 0 ? "" : ",").append(quote(urls.get(i)));
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
