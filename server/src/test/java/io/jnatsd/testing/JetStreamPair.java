package io.jnatsd.testing;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;

import java.io.IOException;
import java.nio.file.Files;

/** nats-server 2.9.10 and jnatsd, each with JetStream on its own temporary store, for differential tests. */
public final class JetStreamPair implements AutoCloseable {
    public final ReferenceServer reference;
    public final NatsServer jnatsd;

    private JetStreamPair(ReferenceServer reference, NatsServer jnatsd) {
        this.reference = reference;
        this.jnatsd = jnatsd;
    }

    /** Skips the test (or fails under CI) when the reference binary is missing, as ReferenceServer does. */
    public static JetStreamPair start(String tag) throws IOException {
        ReferenceServer.assumeAvailable();
        ReferenceServer ref = ReferenceServer.start("-js", "-sd", Files.createTempDirectory("ref-" + tag).toString());
        try {
            NatsServer ours = NatsServer.start(ServerOptions.builder().host("127.0.0.1").port(0).jetstream(true)
                    .storeDir(Files.createTempDirectory("our-" + tag).toString()).build());
            return new JetStreamPair(ref, ours);
        } catch (IOException | RuntimeException e) {
            ref.close();
            throw e;
        }
    }

    @Override
    public void close() {
        reference.close();
        jnatsd.close();
    }
}
