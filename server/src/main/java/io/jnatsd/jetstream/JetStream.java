package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.client.ClientConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JetStream on one server: streams, consumers and their API (see docs/jetstream.md). Each account but the system
 * account gets its streams, their consumers and an internal subscription on {@code $JS.API.>}; API requests run on
 * one thread of their own, each stream stores on its own writer thread and runs its consumers on another.
 */
public final class JetStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStream.class);

    private final Path dir;
    private final ExecutorService api =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("jnatsd-js-api", true));
    private final List<AccountStreams> accounts = new ArrayList<>();
    private final List<JsConsumers> consumers = new ArrayList<>();

    private JetStream(Path storeDir) {
        this.dir = storeDir.resolve("jetstream");
    }

    /** {@code storeDir} null: nats-server's default, {@code <tmp>/nats}. */
    public static JetStream start(String storeDir, Accounts<ClientConnection> all) {
        Path base = storeDir != null ? Path.of(storeDir)
                : Path.of(System.getProperty("java.io.tmpdir"), "nats");
        JetStream js = new JetStream(base);
        LOG.info("Starting JetStream");
        LOG.info("    Store Directory: \"{}\"", js.dir);
        for (Account<ClientConnection> a : all.all()) {
            if (a == all.system()) {
                continue;
            }
            AccountStreams streams = new AccountStreams(a, js.dir);
            streams.load();
            JsConsumers consumers = new JsConsumers(streams);
            consumers.loadAll();
            js.consumers.add(consumers);
            JsApi handler = new JsApi(streams, consumers);
            a.subscribeInternal("$JS.API.>", (publisher, p, payload, off) -> {
                String subject = p.subject();
                String reply = p.reply();
                int hdr = Math.max(p.headerSize, 0);
                byte[] body = Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
                js.api.execute(() -> handler.handle(subject, reply, body));
                return true;
            });
            js.accounts.add(streams);
        }
        return js;
    }

    @Override
    public void close() {
        api.shutdown();
        try {
            api.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (JsConsumers c : consumers) {
            c.close(); // before the streams: consumers write their state and read the stores until then
        }
        for (AccountStreams a : accounts) {
            a.close();
        }
    }
}
