package io.jnatsd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code -h} and {@code --help_tls} texts, kept as resources laid out like nats-server's. */
final class Usage {
    private Usage() {
    }

    static String help() {
        return resource("usage.txt");
    }

    static String tlsHelp() {
        return resource("usage-tls.txt");
    }

    private static String resource(String name) {
        try (InputStream in = Usage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
