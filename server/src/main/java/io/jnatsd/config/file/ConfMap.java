package io.jnatsd.config.file;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code { key: value, ... }} or a whole file. Keys are unique as written (a later definition replaces an earlier
 * one, as in nats-server); entries keep the order of their last definition so that errors come out in file order.
 */
public record ConfMap(Map<String, ConfEntry> byKey, SourcePosition position) implements ConfValue {
    public ConfMap {
        byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    public List<ConfEntry> entries() {
        return new ArrayList<>(byKey.values());
    }

    /** The entry written exactly so; variables are looked up this way. */
    public Optional<ConfEntry> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The last entry whose key matches ignoring case; options are looked up this way, as nats-server does. */
    public Optional<ConfEntry> entryIgnoringCase(String key) {
        ConfEntry found = null;
        String wanted = key.toLowerCase(Locale.ROOT);
        for (ConfEntry e : byKey.values()) {
            if (e.key().toLowerCase(Locale.ROOT).equals(wanted)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public ConfMap at(SourcePosition where) {
        return new ConfMap(byKey, where);
    }

    @Override
    public String goTypeName() {
        return "map[string]interface {}";
    }
}
