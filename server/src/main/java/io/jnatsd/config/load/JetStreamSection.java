package io.jnatsd.config.load;

import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.JetStreamSettings;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import java.util.Locale;

/**
 * {@code jetstream: enabled|disabled|true|false|{ store_dir, max_memory_store, max_file_store, domain, sync_interval, ... }} and
 * {@code store_dir}. The switch, directory and limits become options; the map is also kept (as "jetstream") for
 * the JetStream issues. Nothing here starts JetStream.
 */
final class JetStreamSection {
    private static final class Fields {
        boolean enabled = true; // a jetstream block enables it unless it says otherwise
        long maxMemory = -1;
        long maxFile = -1;
        String domain;
        java.time.Duration syncInterval = JetStreamSettings.DEFAULT_SYNC_INTERVAL;
        boolean syncAlways;
    }

    private JetStreamSection() {
    }

    static void register(KeyTable keys) {
        keys.on(JetStreamSection::jetstream, "jetstream")
                .on((e, c) -> c.storeDir(Values.string(e.value()), e.keyPosition()), "store_dir", "storedir");
    }

    private static void jetstream(ConfEntry entry, LoadContext context) {
        ConfValue v = entry.value();
        if (v instanceof ConfBool b) {
            context.builder().jetstream(b.value());
        } else if (v instanceof ConfString s) {
            context.builder().jetstream(switchWord(s.value()));
        } else if (v instanceof ConfMap map) {
            block(entry, map, context);
        } else {
            throw new WrongValue("Expected map, bool or string to define JetStream, got " + v.goTypeName());
        }
    }

    private static boolean switchWord(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "enabled": case "enable": return true;
            case "disabled": case "disable": return false;
            default: throw new WrongValue("Expected 'enabled' or 'disabled' for string value, got '" + word + "'");
        }
    }

    /** 2.10's {@code sync_interval}: a duration, or {@code always} to force every write. */
    private static void syncInterval(ConfEntry e, Fields f) {
        if (e.value() instanceof ConfString s && s.value().equalsIgnoreCase("always")) {
            f.syncAlways = true;
            return;
        }
        f.syncInterval = DurationValues.stringOnly("sync_interval", e);
    }

    private static void block(ConfEntry entry, ConfMap map, LoadContext context) {
        Fields f = new Fields();
        new KeyTable()
                .on((e, c) -> c.storeDir(Values.string(e.value()), e.keyPosition()), "store_dir", "store", "storedir")
                .on((e, c) -> f.maxMemory = StorageSize.read("max_mem_store", e.value()),
                        "max_memory_store", "max_mem_store", "max_mem")
                .on((e, c) -> f.maxFile = StorageSize.read("max_file_store", e.value()),
                        "max_file_store", "max_file")
                .on((e, c) -> f.domain = Values.string(e.value()), "domain")
                .on((e, c) -> syncInterval(e, f), "sync_interval", "sync")
                .on((e, c) -> f.enabled = Values.bool(e.value()), "enabled", "enable")
                .on((e, c) -> Values.string(e.value()), "key", "cipher", "unique_tag", "extension_hint")
                .on((e, c) -> StorageSize.read("max_outstanding_catchup", e.value()), "max_outstanding_catchup")
                .known("limits")
                .applyAll(map, context);
        try {
            context.builder().jetstream(f.enabled)
                    .jetstreamSettings(new JetStreamSettings(f.maxMemory, f.maxFile, f.domain,
                            f.syncInterval, f.syncAlways));
        } catch (ConfigException e) {
            throw new WrongValue(e.getMessage());
        }
        context.builder().configBlock(new ConfigBlock("jetstream", entry.key(), entry.keyPosition(), map));
    }
}
