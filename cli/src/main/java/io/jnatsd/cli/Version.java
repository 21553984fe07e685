package io.jnatsd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version reported by {@code -v}: the server's protocol version constant when the server library has it,
 * otherwise this build's Maven version. Looked up reflectively so the launcher does not pin a constant that
 * would be inlined at compile time and drift from the server's.
 */
final class Version {
    private static final String SERVER_VERSION_CLASS = "io.jnatsd.protocol.ServerVersion";

    private Version() {
    }

    static String get() {
        String fromServer = serverConstant();
        return fromServer != null ? fromServer : mavenVersion();
    }

    private static String serverConstant() {
        try {
            Object value = Class.forName(SERVER_VERSION_CLASS).getField("VERSION").get(null);
            return value instanceof String && !((String) value).isBlank() ? (String) value : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static String mavenVersion() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return properties.getProperty("version", "unknown");
    }
}
