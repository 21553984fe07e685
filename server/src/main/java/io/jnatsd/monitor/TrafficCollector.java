package io.jnatsd.monitor;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The connection, message and subscription numbers of /varz and /accstatz as Prometheus gauges, read when scraped.
 * One collector for all of them so a scrape sums the per-connection counters once and in_msgs/out_msgs come from
 * the same pass. Gauges, not counters, because prometheus-nats-exporter exports them as gauges under these names:
 * dashboards and alerts written for it keep working (a counter would be renamed with a "_total" suffix).
 */
final class TrafficCollector implements MultiCollector {
    private final ServerView server;

    TrafficCollector(ServerView server) {
        this.server = server;
    }

    @Override
    public MetricSnapshots collect() {
        ClientRegistry reg = server.clients().registry();
        Totals t = Totals.of(reg);
        long subs = Totals.subscriptions(server);
        Labels sid = Labels.of("server_id", server.serverId());
        GaugeSnapshot.Builder accConns = GaugeSnapshot.builder().name("gnatsd_accstatz_current_connections")
                .help("Client connections open now, per account");
        GaugeSnapshot.Builder accSubs = GaugeSnapshot.builder().name("gnatsd_accstatz_subscriptions")
                .help("Subscriptions now, per account");
        for (Account<ClientConnection> a : server.clients().accounts().all()) {
            Labels acc = Labels.of("server_id", server.serverId(), "account", a.name());
            accConns.dataPoint(GaugeDataPointSnapshot.builder().labels(acc).value(a.connections()).build());
            accSubs.dataPoint(GaugeDataPointSnapshot.builder().labels(acc).value(a.index().count()).build());
        }
        return MetricSnapshots.of(
                gauge("gnatsd_varz_connections", "Client connections open now", sid, t.connections),
                gauge("gnatsd_varz_total_connections", "Client connections accepted since start", sid,
                        reg.totalConnections()),
                gauge("gnatsd_varz_in_msgs", "Messages received from clients since start", sid, t.inMsgs),
                gauge("gnatsd_varz_out_msgs", "Messages delivered to clients since start", sid, t.outMsgs),
                gauge("gnatsd_varz_in_bytes", "Payload bytes received from clients since start", sid, t.inBytes),
                gauge("gnatsd_varz_out_bytes", "Payload bytes delivered to clients since start", sid, t.outBytes),
                gauge("gnatsd_varz_slow_consumers", "Connections closed or dropped as slow consumers since start",
                        sid, reg.slowConsumers()),
                gauge("gnatsd_varz_subscriptions", "Subscriptions in the subject index now", sid, subs),
                accConns.build(),
                accSubs.build());
    }

    private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build())
                .build();
    }
}
