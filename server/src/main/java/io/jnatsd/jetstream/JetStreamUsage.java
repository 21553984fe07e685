package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.store.StreamState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JetStream at one moment, for {@code /jsz} and {@code /varz}: the server's limits, totals over all accounts, and
 * per account its usage and streams. Built on the monitor's thread from the live stores.
 */
public record JetStreamUsage(String storeDir, long maxMemory, long maxStore, String domain, long syncIntervalNanos,
        boolean syncAlways, long memory, long storage, long reservedMemory, long reservedStorage, long apiTotal,
        long apiErrors, long streams, long messages, long bytes, List<AccountUsage> accounts) {

    /** One account: bytes in use, its limits (-1 unlimited), API counters, streams. */
    public record AccountUsage(String name, long memory, long storage, long maxMemory, long maxStore,
            long apiTotal, long apiErrors, List<StreamUsage> streams) {
    }

    /** One stream: STREAM.INFO's config and state objects. */
    public record StreamUsage(String name, long createdNanos, ObjectNode config, ObjectNode state) {
    }

    static JetStreamUsage of(Path dir, JsServerLimits limits, List<JetStream.Enabled> enabled) {
        List<AccountUsage> accounts = new ArrayList<>();
        long memory = 0;
        long storage = 0;
        long apiTotal = 0;
        long apiErrors = 0;
        long streams = 0;
        long messages = 0;
        long bytes = 0;
        List<AccountStreams> all = new ArrayList<>();
        for (JetStream.Enabled e : enabled) {
            AccountStreams a = e.streams();
            all.add(a);
            long accMemory = 0;
            long accStorage = 0;
            List<StreamUsage> list = new ArrayList<>();
            for (JsStream s : a.all()) {
                StreamState st = s.store().state();
                if (s.config().memory()) {
                    accMemory += st.bytes();
                } else {
                    accStorage += st.bytes();
                }
                messages += st.msgs();
                bytes += st.bytes();
                streams++;
                list.add(new StreamUsage(s.config().name(), s.createdNanos(), s.config().toJson(), s.stateJson()));
            }
            memory += accMemory;
            storage += accStorage;
            apiTotal += e.api().apiTotal();
            apiErrors += e.api().apiErrors();
            accounts.add(new AccountUsage(a.account().name(), accMemory, accStorage, a.limits().maxMemory(),
                    a.limits().maxStore(), e.api().apiTotal(), e.api().apiErrors(), List.copyOf(list)));
        }
        return new JetStreamUsage(dir.toString(), limits.maxMemory, limits.maxStore, limits.domain,
                limits.syncInterval.toNanos(), limits.syncAlways, memory, storage,
                JsResources.reserved(all, true, null), JsResources.reserved(all, false, null), apiTotal, apiErrors,
                streams, messages, bytes, List.copyOf(accounts));
    }
}
