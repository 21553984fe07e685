package io.jnatsd.tls;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfigFileParser;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The TLS tests' way to start jnatsd from config text (loopback, port 0) and connect jnats over TLS. */
final class TlsServers {
    private TlsServers() {
    }

    static ServerOptions.Builder fromConfig(String text) {
        ServerOptions.Builder b = ServerOptions.builder();
        ConfigFileLoader.apply(new ConfigFileParser(Map.<String, String>of()::get)
                .parseString(text, "t.conf", Path.of(".")), b);
        return b.host("127.0.0.1").port(0);
    }

    static NatsServer start(String configText) {
        return NatsServer.start(fromConfig(configText).build());
    }

    /** jnats over TLS to {@code server}, trusting the test CA, presenting {@code client} when not null. */
    static Connection connect(NatsServer server, TestCertificates certs, TestCertificates.Issued client,
            UnaryOperator<Options.Builder> customize) throws Exception {
        Options.Builder b = JnatsClients.options(server)
                .server("tls://127.0.0.1:" + server.port())
                .sslContext(certs.clientContext(client));
        return Nats.connect(customize.apply(b).build());
    }

    static Connection connect(NatsServer server, TestCertificates certs, TestCertificates.Issued client)
            throws Exception {
        return connect(server, certs, client, b -> b);
    }
}
