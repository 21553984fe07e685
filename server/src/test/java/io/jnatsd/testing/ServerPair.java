package io.jnatsd.testing;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ConfigFileLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference nats-server and a jnatsd started with the same config file text, for differential tests (skipped
 * locally without nats-server, failing under CI=true, as {@link ReferenceServer#assumeAvailable()} decides).
 */
public final class ServerPair implements AutoCloseable {
    public final ReferenceServer reference;
    public final NatsServer jnatsd;

    private ServerPair(ReferenceServer reference, NatsServer jnatsd) {
        this.reference = reference;
        this.jnatsd = jnatsd;
    }

    public static ServerPair withConfig(String configText) {
        ReferenceServer.assumeAvailable();
        ReferenceServer reference = ReferenceServer.startWithConfig(configText);
        try {
            return new ServerPair(reference, NatsServer.start(load(configText,
                    ServerOptions.builder().host("127.0.0.1").port(0)).build()));
        } catch (RuntimeException e) {
            reference.close();
            throw e;
        }
    }

    /** Loads {@code text} as a config file into the builder, as the command line does. */
    public static ServerOptions.Builder load(String text, ServerOptions.Builder b) {
        try {
            Path f = Files.createTempFile("jnatsd-test", ".conf");
            try {
                Files.writeString(f, text);
                ConfigFileLoader.withSystemEnvironment().load(f, b);
            } finally {
                Files.delete(f);
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reference.close();
        jnatsd.close();
    }
}
