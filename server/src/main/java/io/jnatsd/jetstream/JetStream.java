package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.JetStreamSettings;
import io.jnatsd.config.ServerOptions;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JetStream on one server: streams, consumers and their API (see docs/jetstream.md).
 * Which accounts get it, as nats-server: without configured accounts the global account; with an
 * {@code accounts} block those that say {@code jetstream: enabled} or give limits; in operator mode those whose JWT
 * has JetStream limits, also when they are resolved later. The others answer 10039 on {@code $JS.API.>}.
 * API requests run on one thread of their own, each stream stores on its own writer thread and runs its consumers on
 * another.
 */
public final class JetStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStream.class);

    private final Path dir;
    private final ExecutorService api =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("jnatsd-js-api", true));
    private final List<Enabled> enabled = new CopyOnWriteArrayList<>();
    private final JsServerLimits serverLimits;
    private final JsResources resources;
    private Account<ClientConnection> system;
    private ApiAudit audit;

    /** An account with JetStream: its streams, their consumers and its API handler. */
    record Enabled(AccountStreams streams, JsConsumers consumers, JsApi api) {
    }

    private JetStream(Path base, JetStreamSettings settings) {
        this.dir = base.resolve("jetstream");
        this.serverLimits = new JsServerLimits(settings, dir);
        this.resources = new JsResources(serverLimits, () -> enabled.stream().map(Enabled::streams).toList());
    }

    /** Every account but the system account, unlimited (tests and embedders without an options model). */
    public static JetStream start(String storeDir, Accounts<ClientConnection> all) {
        JetStream js = new JetStream(base(storeDir), JetStreamSettings.DEFAULT);
        js.system = all.system();
        js.logStart();
        for (Account<ClientConnection> a : all.all()) {
            if (a != all.system()) {
                js.enable(a, JetStreamAccountLimits.UNLIMITED);
            }
        }
        return js;
    }

    public static JetStream start(ServerOptions o, Accounts<ClientConnection> all) {
        return start(o, all, null);
    }

    /** {@code serverName}: for the API audit advisories (null: none are sent). */
    public static JetStream start(ServerOptions o, Accounts<ClientConnection> all, String serverName) {
        JetStream js = new JetStream(base(o.storeDir()), o.jetstreamSettings());
        js.audit = serverName == null ? null : new ApiAudit(serverName);
        js.system = all.system();
        js.logStart();
        if (o.operatorMode()) {
            for (Account<ClientConnection> a : all.all()) {
                js.enableFromClaims(a);
            }
            all.onAdded(js::enableFromClaims);
        } else if (o.accounts().isEmpty()) {
            js.enable(all.global(), JetStreamAccountLimits.UNLIMITED);
        } else {
            for (AccountConfig c : o.accounts()) {
                Account<ClientConnection> a = all.get(c.name());
                if (a != null && a != all.system()) {
                    if (c.jetstream() != null) {
                        js.enable(a, c.jetstream());
                    } else {
                        js.refuse(a);
                    }
                }
            }
            js.refuse(all.global());
        }
        return js;
    }

    private static Path base(String storeDir) {
        return storeDir != null ? Path.of(storeDir) : Path.of(System.getProperty("java.io.tmpdir"), "nats");
    }

    private void logStart() {
        LOG.info("Starting JetStream");
        LOG.info("    Max Memory:      {}", serverLimits.maxMemory);
        LOG.info("    Max Storage:     {}", serverLimits.maxStore);
        LOG.info("    Store Directory: \"{}\"", dir);
        if (serverLimits.syncAlways) {
            LOG.info("    Sync:            always");
        }
    }

    /** Operator mode: an account JWT's {@code limits.mem_storage} / {@code disk_storage} (0 or absent = none). */
    private void enableFromClaims(Account<ClientConnection> a) {
        if (a == system || a.claims() == null) {
            if (a != system) {
                refuse(a);
            }
            return;
        }
        io.jnatsd.auth.jwt.AccountLimits l = a.claims().limits();
        if (l == null || (l.memStorage() == 0 && l.diskStorage() == 0)) {
            refuse(a);
            return;
        }
        enable(a, new JetStreamAccountLimits(l.memStorage(), l.diskStorage(), l.streams() == 0 ? -1 : l.streams(),
                l.consumer() == 0 ? -1 : l.consumer()));
    }

    private synchronized void enable(Account<ClientConnection> a, JetStreamAccountLimits limits) {
        for (Enabled e : enabled) {
            if (e.streams().account() == a) {
                return;
            }
        }
        AccountStreams streams = new AccountStreams(a, dir);
        streams.limits(limits, resources);
        streams.load();
        JsConsumers consumers = new JsConsumers(streams);
        consumers.loadAll();
        JsApi handler = new JsApi(streams, consumers);
        handler.audit(audit);
        a.subscribeInternal("$JS.API.>", (publisher, p, payload, off) -> {
            String subject = p.subject();
            String reply = p.reply();
            int hdr = Math.max(p.headerSize, 0);
            byte[] body = Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
            long rtt = publisher == null ? 0 : publisher.rttNanos();
            api.execute(() -> handler.handle(subject, reply, body, rtt));
            return true;
        });
        enabled.add(new Enabled(streams, consumers, handler));
    }

    /** An account without JetStream on a server with it: every API request gets 10039. */
    private void refuse(Account<ClientConnection> a) {
        a.subscribeInternal("$JS.API.>", (publisher, p, payload, off) -> {
            String subject = p.subject();
            String reply = p.reply();
            api.execute(() -> JsApi.notEnabled(a, subject, reply));
            return true;
        });
    }

    /** What the monitor shows: limits, usage, and per account its streams. */
    public JetStreamUsage usage() {
        return JetStreamUsage.of(dir, serverLimits, enabled);
    }

    @Override
    public void close() {
        api.shutdown();
        try {
            api.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Enabled e : enabled) {
            e.consumers().close(); // before the streams: consumers write their state and read the stores until then
        }
        for (Enabled e : enabled) {
            e.streams().close();
        }
    }
}
