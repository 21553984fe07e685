package io.jnatsd.config.load;

import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import java.util.Locale;

/**
 * An account's {@code jetstream: enabled | disabled | true | false | {max_mem, max_file, max_streams,
 * max_consumers}} with nats-server's key aliases and error words. Null = not enabled for the account.
 */
final class AccountJetStream {
    private AccountJetStream() {
    }

    static JetStreamAccountLimits read(ConfEntry entry) {
        ConfValue v = entry.value();
        if (v instanceof ConfBool b) {
            return b.value() ? JetStreamAccountLimits.UNLIMITED : null;
        }
        if (v instanceof ConfString s) {
            switch (s.value().toLowerCase(Locale.ROOT)) {
                case "enabled", "enable" -> {
                    return JetStreamAccountLimits.UNLIMITED;
                }
                case "disabled", "disable" -> {
                    return null;
                }
                default -> throw new UsersSection.Bad(entry.keyPosition(),
                        "Expected 'enabled' or 'disabled' for string value, got '" + s.value() + "'");
            }
        }
        if (!(v instanceof ConfMap map)) {
            throw new UsersSection.Bad(entry.keyPosition(),
                    "Expected map, bool or string to define JetStream, got " + v.goTypeName());
        }
        long mem = -1;
        long file = -1;
        long streams = -1;
        long consumers = -1;
        for (ConfEntry e : map.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "max_memory", "max_mem", "mem", "memory" -> mem = size(e);
                case "max_store", "max_file", "max_disk", "store", "disk" -> file = size(e);
                case "max_streams", "streams" -> streams = size(e);
                case "max_consumers", "consumers" -> consumers = size(e);
                case "max_bytes_required", "max_stream_bytes_required", "mem_max_stream_bytes",
                        "memory_max_stream_bytes", "store_max_stream_bytes", "max_ack_pending" -> { }
                default -> {
                    if (!e.referenced()) {
                        throw new UsersSection.Bad(e.keyPosition(), "unknown field \"" + e.key() + "\"");
                    }
                }
            }
        }
        return new JetStreamAccountLimits(mem, file, streams, consumers);
    }

    private static long size(ConfEntry e) {
        if (e.value() instanceof ConfInteger i) {
            return i.value();
        }
        String shown = e.value() instanceof ConfString s ? s.value() : String.valueOf(e.value());
        throw new UsersSection.Bad(e.keyPosition(),
                "Expected a parseable size for \"" + e.key() + "\", got " + shown);
    }
}
