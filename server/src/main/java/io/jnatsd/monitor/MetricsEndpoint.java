package io.jnatsd.monitor;

import io.jnatsd.config.ServerOptions;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code /metrics}: the server's numbers in the Prometheus text exposition format, so Prometheus scrapes jnatsd
 * directly instead of through prometheus-nats-exporter. Everything is read at scrape time from the sources /varz
 * uses; nothing is counted on the message path for it. Each server has its own registry (not the library's default
 * one) because tests and embedders run several servers in one JVM. The registry is built at the first scrape: a
 * server nobody scrapes never loads the Prometheus library (about 100 classes of idle footprint).
 */
final class MetricsEndpoint implements Endpoint {
    private final ServerView server;
    private PrometheusRegistry registry;
    private PrometheusTextFormatWriter writer;

    MetricsEndpoint(ServerView server) {
        this.server = server;
    }

    private void build() {
        registry = new PrometheusRegistry();
        writer = PrometheusTextFormatWriter.create();
        registry.register(new TrafficCollector(server));
        ProcessStats process = new ProcessStats();
        String id = server.serverId();
        processGauge("gnatsd_varz_mem", "Resident memory of the process in bytes", id, process::memory);
        processGauge("gnatsd_varz_cpu", "CPU used by the process, percent of one core", id, process::cpuPercent);
        processGauge("gnatsd_varz_cores", "Processors available to the JVM", id,
                () -> Runtime.getRuntime().availableProcessors());
        processGauge("gnatsd_varz_uptime_seconds", "Seconds since the server started", id,
                () -> (ServerView.nowEpochNanos() - server.startEpochNanos()) / 1e9);
        // Configured limits, as the exporter exports /varz's numeric option fields.
        ServerOptions o = server.options();
        processGauge("gnatsd_varz_max_connections", "Configured max_connections", id, o::maxConnections);
        processGauge("gnatsd_varz_max_payload", "Configured max_payload in bytes", id, o::maxPayload);
    }

    private void processGauge(String name, String help, String serverId, java.util.function.DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("server_id")
                .callback(cb -> cb.call(value.getAsDouble(), serverId))
                .register(registry);
    }

    @Override
    public synchronized Reply handle(Query q) {
        if (registry == null) {
            build();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return Reply.of(writer.getContentType(), out.toByteArray());
    }
}
