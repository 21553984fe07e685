package io.jnatsd.config.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map while it is being parsed. It is also a variable scope: {@code $name} finds keys defined earlier in this
 * map or an enclosing one.
 */
final class MapBuilder {
    private final Map<String, ConfEntry> entries = new LinkedHashMap<>();
    private final SourcePosition position;

    MapBuilder(SourcePosition position) {
        this.position = position;
    }

    /** A key defined again replaces the earlier value and moves to the end. */
    void put(ConfEntry entry) {
        entries.remove(entry.key());
        entries.put(entry.key(), entry);
    }

    /** The value of {@code key}, which is then remembered as used as a variable; null if not defined (yet). */
    ConfValue useAsVariable(String key) {
        ConfEntry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        entries.put(key, entry.markReferenced()); // same key: keeps its place
        return entry.value();
    }

    ConfMap build() {
        return new ConfMap(entries, position);
    }
}
