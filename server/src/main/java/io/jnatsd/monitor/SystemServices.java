package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ConnectionEvents;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.client.RouteFanout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The system account's side of monitoring, as nats-server 2.9.10 runs it: connect and disconnect advisories, account
 * connection counts, the periodic STATSZ, SHUTDOWN and LAMEDUCK notices, and answers to {@code $SYS.REQ.SERVER.PING}
 * (every server) and {@code $SYS.REQ.SERVER.<id>.<ENDPOINT>} with the same JSON as the HTTP endpoints. Everything runs
 * on one small thread of its own; event loops only hand work to it.
 */
public final class SystemServices implements ConnectionEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemServices.class);
    /** nats-server sends STATSZ after 250 ms, then doubles the interval up to this. */
    private static final long MAX_STATSZ_MILLIS = 10_000;
    private static final long ACCOUNT_CONNS_MILLIS = 30_000;
    /** The endpoints nats-server 2.9.10 answers over the system account, and their HTTP paths. */
    private static final Map<String, String> PATHS = Map.of(
            "VARZ", "/varz", "CONNZ", "/connz", "SUBSZ", "/subsz", "ROUTEZ", "/routez", "GATEWAYZ", "/gatewayz",
            "LEAFZ", "/leafz", "ACCOUNTZ", "/accountz", "JSZ", "/jsz", "HEALTHZ", "/healthz");
    /** Request option names (JSON, as the nats CLI sends them) that differ from the HTTP query parameter. */
    private static final Map<String, String> OPTION_NAMES = Map.of(
            "subscriptions", "subs", "account", "acc", "accounts", "accs", "filter_subject", "filter_subject");

    /** Per-account requests of nats-server 2.9.10: {@code $SYS.REQ.ACCOUNT.<acc>.<X>} ({@code PING} = all). */
    private static final List<String> ACCOUNT_REQUESTS = List.of("SUBSZ", "CONNZ", "LEAFZ", "JSZ", "INFO", "STATZ",
            "CONNS");

    private final Monitoring monitoring;
    private final ServerView server;
    private final Account<ClientConnection> system;
    private final EventJson json;
    private final ProcessStats process = new ProcessStats();
    private final ScheduledExecutorService executor = singleThread();
    private long statszMillis = 250;

    private SystemServices(Monitoring monitoring, Account<ClientConnection> system) {
        this.monitoring = monitoring;
        this.server = monitoring.server();
        this.system = system;
        this.json = new EventJson(server);
    }

    /** One thread; a pending statsz tick is dropped at close instead of holding shutdown until it is due. */
    private static ScheduledExecutorService singleThread() {
        java.util.concurrent.ScheduledThreadPoolExecutor e = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                new DefaultThreadFactory("jnatsd-sys", true));
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }

    /** Starts the services in the server's system account; null when it runs without one. */
    public static SystemServices start(Monitoring monitoring) {
        Account<ClientConnection> system = monitoring.server().clients().accounts().system();
        if (system == null) {
            return null;
        }
        SystemServices s = new SystemServices(monitoring, system);
        String id = s.server.serverId();
        // Cluster-wide: announced to the routes, so every server answers a PING and <id> finds its server.
        system.subscribeInternal("$SYS.REQ.SERVER.PING", InternalSubscriber.clusterWide(s.requests("STATSZ")));
        system.subscribeInternal("$SYS.REQ.SERVER.PING.*", InternalSubscriber.clusterWide(s.requests(null)));
        system.subscribeInternal("$SYS.REQ.SERVER." + id + ".*", InternalSubscriber.clusterWide(s.requests(null)));
        for (String what : ACCOUNT_REQUESTS) {
            system.subscribeInternal("$SYS.REQ.ACCOUNT.*." + what,
                    InternalSubscriber.clusterWide(s.accountRequests()));
        }
        s.executor.schedule(s::statszTick, s.statszMillis, TimeUnit.MILLISECONDS);
        s.executor.scheduleAtFixedRate(s::activeAccountConns, ACCOUNT_CONNS_MILLIS, ACCOUNT_CONNS_MILLIS,
                TimeUnit.MILLISECONDS);
        s.server.clients().events(s);
        LOG.debug("Created system account: \"{}\"", system.name());
        return s;
    }

    /** Operator mode with a resolver: answers claim lookups and takes account JWT updates. */
    public void serveClaims(io.jnatsd.operator.OperatorAccounts accounts) {
        ClaimsRequests.install(accounts, system, json, this::run);
    }

    // ---- events -----------------------------------------------------------------------------------------------

    /**
     * Whether anyone subscribes to {@code subject} in the system account, here or on another server of the cluster:
     * events nobody can see are not built.
     */
    private boolean listened(String subject) {
        byte[] b = subject.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!system.index().match(b).isEmpty()) {
            return true;
        }
        RouteFanout routes = server.clients().routes();
        return routes != null && routes.interested(system, b);
    }

    /** The cheap first check on every connect and disconnect: no system account client anywhere, no event. */
    private boolean anyoneListens() {
        return system.hasSubscribers() || server.clients().routes() != null;
    }

    @Override
    public void connected(ClientConnection c) {
        if (!anyoneListens()) {
            return; // the common case: no system account client, so nothing to build or hand over
        }
        run(() -> {
            accountConns(c.account());
            if (!listened("$SYS.ACCOUNT." + c.accountName() + ".CONNECT")) {
                return;
            }
            ObjectNode e = json.advisory("io.nats.server.advisory.v1.client_connect");
            EventJson.putClient(e, c, 0);
            publish("$SYS.ACCOUNT." + c.accountName() + ".CONNECT", e);
        });
    }

    @Override
    public void disconnected(ClientConnection c, long stopEpochNanos) {
        if (!anyoneListens()) {
            return;
        }
        String reason = c.closeReason();
        run(() -> {
            accountConns(c.account());
            if (!listened("$SYS.ACCOUNT." + c.accountName() + ".DISCONNECT")) {
                return;
            }
            ObjectNode e = json.advisory("io.nats.server.advisory.v1.client_disconnect");
            EventJson.putClient(e, c, stopEpochNanos);
            EventJson.putTraffic(e, "sent", c.outMsgs(), c.outBytes());
            EventJson.putTraffic(e, "received", c.inMsgs(), c.inBytes());
            e.put("reason", reason == null ? "Client Closed" : reason);
            publish("$SYS.ACCOUNT." + c.accountName() + ".DISCONNECT", e);
        });
    }

    /** {@code $SYS.SERVER.<id>.LAMEDUCK}: the server is leaving. */
    public void lameDuck() {
        run(() -> serverNotice("LAMEDUCK"));
    }

    private void serverNotice(String what) {
        ObjectNode e = JsonOut.object();
        json.putServer(e);
        publish("$SYS.SERVER." + server.serverId() + "." + what, e.get("server"));
    }

    /** Legacy and current subjects, as nats-server 2.9.10 sends both. */
    private void accountConns(Account<ClientConnection> a) {
        if (!listened("$SYS.SERVER.ACCOUNT." + a.name() + ".CONNS") && !listened("$SYS.ACCOUNT." + a.name()
                + ".SERVER.CONNS")) {
            return;
        }
        ObjectNode e = accountConnsMessage(a);
        publish("$SYS.SERVER.ACCOUNT." + a.name() + ".CONNS", e);
        publish("$SYS.ACCOUNT." + a.name() + ".SERVER.CONNS", e);
    }

    private ObjectNode accountConnsMessage(Account<ClientConnection> a) {
        ObjectNode e = json.advisory("io.nats.server.advisory.v1.account_connections");
        e.put("acc", a.name());
        e.put("conns", a.connections());
        e.put("leafnodes", 0);
        e.put("total_conns", a.connections());
        Totals t = Totals.ofAccount(server.clients().registry(), a.name());
        EventJson.putTraffic(e, "sent", t.outMsgs, t.outBytes);
        EventJson.putTraffic(e, "received", t.inMsgs, t.inBytes);
        e.put("slow_consumers", a.slowConsumers());
        return e;
    }

    private void activeAccountConns() {
        for (Account<ClientConnection> a : server.clients().accounts().all()) {
            if (a.connections() > 0) {
                accountConns(a);
            }
        }
    }

    private void statszTick() {
        String subject = "$SYS.SERVER." + server.serverId() + ".STATSZ";
        // Built only when someone listens: nobody could see it otherwise, and an idle server stays lighter.
        if (listened(subject)) {
            publish(subject, statsz());
        }
        statszMillis = Math.min(statszMillis * 2, MAX_STATSZ_MILLIS);
        executor.schedule(this::statszTick, statszMillis, TimeUnit.MILLISECONDS);
    }

    private ObjectNode statsz() {
        ObjectNode m = JsonOut.object();
        json.putServer(m);
        ObjectNode s = m.putObject("statsz");
        s.put("start", EventJson.utc(server.startEpochNanos()));
        s.put("mem", process.memory());
        s.put("cores", Runtime.getRuntime().availableProcessors());
        JsonOut.putFloat(s, "cpu", process.cpuPercent());
        Totals t = Totals.of(server.clients().registry());
        s.put("connections", t.connections);
        s.put("total_connections", server.clients().registry().totalConnections());
        int active = 0;
        for (Account<ClientConnection> a : server.clients().accounts().all()) {
            if (a.connections() > 0) {
                active++;
            }
        }
        s.put("active_accounts", active);
        s.put("subscriptions", Totals.subscriptions(server));
        EventJson.putTraffic(s, "sent", t.outMsgs, t.outBytes);
        EventJson.putTraffic(s, "received", t.inMsgs, t.inBytes);
        s.put("slow_consumers", server.clients().registry().slowConsumers());
        StatszRoutes.put(s, server.cluster());
        return m;
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    /** A handler for request subjects; {@code fixed} names the endpoint, or null to take the subject's last token. */
    private InternalSubscriber<ClientConnection> requests(String fixed) {
        return (publisher, p, payload, off) -> {
            if (p.replyLen == 0) {
                return true;
            }
            String subject = p.subject();
            String endpoint = fixed != null ? fixed : subject.substring(subject.lastIndexOf('.') + 1);
            String reply = p.reply();
            int hdr = Math.max(p.headerSize, 0);
            byte[] body = java.util.Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
            run(() -> answer(endpoint, reply, body));
            return true;
        };
    }

    private InternalSubscriber<ClientConnection> accountRequests() {
        return (publisher, p, payload, off) -> {
            if (p.replyLen == 0) {
                return true;
            }
            String[] t = p.subject().split("\\.");
            String reply = p.reply();
            int hdr = Math.max(p.headerSize, 0);
            byte[] body = java.util.Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
            run(() -> answerForAccount(t[3].equals("PING") ? "" : t[3], t[4], reply, body));
            return true;
        };
    }

    /** {@code acc} "" for every account ({@code $SYS.REQ.ACCOUNT.PING.*}). */
    private void answerForAccount(String acc, String what, String reply, byte[] body) {
        JsonNode options = null;
        if (body.length > 0) {
            try {
                options = JsonOut.parse(body);
            } catch (java.io.IOException e) {
                error(reply, 400, "Bad Request: " + e.getMessage());
                return;
            }
        }
        Account<ClientConnection> a = acc.isEmpty() ? null : server.clients().accounts().get(acc);
        if (!acc.isEmpty() && a == null) {
            error(reply, 400, "Account " + acc + " does not exist");
            return;
        }
        try {
            JsonNode data = switch (what) {
                case "SUBSZ" -> monitoring.data("/subsz", query(options, "subs", "1", "acc", acc));
                case "CONNZ" -> monitoring.data("/connz", query(options, "acc", acc));
                case "LEAFZ" -> monitoring.data("/leafz", query(options));
                case "INFO" -> a == null ? null : new AccountzEndpoint(server).detail(a);
                case "STATZ" -> new AccstatzEndpoint(server).render(options != null
                        && options.path("unused").asBoolean(false), acc);
                case "CONNS" -> a == null ? null : accountConnsMessage(a);
                default -> null;
            };
            if (what.equals("JSZ")) {
                ObjectNode m = JsonOut.object();
                json.putServer(m);
                m.putNull("data");
                ObjectNode e = m.putObject("error");
                e.put("code", 500);
                e.put("description", "jetstream not enabled");
                publish(reply, m);
            } else if (what.equals("CONNS")) {
                if (a != null && a.connections() == 0) {
                    accountConns(a); // nats-server 2.9.10 then sends the event to its usual subjects, no reply
                } else if (data != null) {
                    publish(reply, data); // the advisory itself, as nats-server answers it
                }
            } else if (what.equals("STATZ") && data.path("account_statz").isEmpty()) {
                return; // no account with connections here: nats-server stays silent (other servers may answer)
            } else if (data != null) {
                if (what.equals("SUBSZ") && !data.has("subscriptions_list")) {
                    // nats-server's list always holds the account's system imports; jnatsd keeps those apart.
                    ((ObjectNode) data).putArray("subscriptions_list");
                }
                ObjectNode m = JsonOut.object();
                json.putServer(m);
                m.set("data", data);
                publish(reply, m);
            }
        } catch (BadRequest bad) {
            error(reply, 400, bad.getMessage());
        }
    }

    private static Query query(JsonNode options, String... extra) {
        Query q = query(options);
        Map<String, List<String>> params = new java.util.HashMap<>(q.params());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            if (!extra[i + 1].isEmpty()) {
                params.put(extra[i], List.of(extra[i + 1]));
            }
        }
        return new Query(params);
    }

    private void answer(String endpoint, String reply, byte[] body) {
        JsonNode options = null;
        if (body.length > 0) {
            try {
                options = JsonOut.parse(body);
            } catch (java.io.IOException e) {
                error(reply, 400, "Bad Request: " + e.getMessage());
                return;
            }
        }
        if (!forThisServer(options)) {
            return;
        }
        if (endpoint.equals("STATSZ")) {
            publish(reply, statsz());
            return;
        }
        String path = PATHS.get(endpoint);
        if (path == null) {
            return; // nats-server has no responder for it: the requester times out
        }
        try {
            JsonNode data = monitoring.data(path, query(options));
            ObjectNode m = JsonOut.object();
            json.putServer(m);
            m.set("data", data);
            publish(reply, m);
        } catch (BadRequest bad) {
            error(reply, 400, bad.getMessage());
        }
    }

    /** The request's filter ({@code server_name}, {@code host}, {@code tags}); absent fields match. */
    private boolean forThisServer(JsonNode o) {
        if (o == null) {
            return true;
        }
        String name = o.path("server_name").asText("");
        if (!name.isEmpty() && !name.equals(server.serverName())) {
            return false;
        }
        String host = o.path("host").asText("");
        if (!host.isEmpty() && !host.equals(server.options().host())) {
            return false;
        }
        for (JsonNode tag : o.path("tags")) {
            if (!server.options().serverTags().contains(tag.asText())) {
                return false;
            }
        }
        return o.path("cluster").asText("").isEmpty();
    }

    /** The JSON options as HTTP query parameters, so the endpoints read them the same way. */
    private static Query query(JsonNode options) {
        Map<String, List<String>> params = new java.util.HashMap<>();
        if (options != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = OPTION_NAMES.getOrDefault(f.getKey().toLowerCase(Locale.ROOT), f.getKey());
                JsonNode v = f.getValue();
                if (v.isArray()) {
                    List<String> all = new ArrayList<>();
                    v.forEach(x -> all.add(x.asText()));
                    params.put(key, List.of(String.join(",", all)));
                } else if (!v.isNull()) {
                    params.put(key, List.of(v.asText()));
                }
            }
            if (options.path("subscriptions_detail").asBoolean(false)) {
                params.put("subs", List.of("detail"));
            }
        }
        return new Query(params);
    }

    private void error(String reply, int code, String description) {
        ObjectNode m = JsonOut.object();
        json.putServer(m);
        ObjectNode e = m.putObject("error");
        e.put("code", code);
        e.put("description", description);
        publish(reply, m);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private void publish(String subject, JsonNode body) {
        // Events and answers go to the routes too: a system account client may be on another server.
        InternalPublisher.publish(server.clients().routes(), system, subject, null, JsonOut.compact(body));
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("system account event failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down: events after the SHUTDOWN notice are dropped, as nats-server drops them
        }
    }

    /** Sends {@code $SYS.SERVER.<id>.SHUTDOWN} and stops the thread. */
    @Override
    public void close() {
        server.clients().events(ConnectionEvents.NONE);
        run(() -> serverNotice("SHUTDOWN"));
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
