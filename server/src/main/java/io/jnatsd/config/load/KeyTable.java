package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keys of one map (the top level or a block) with their aliases, looked up ignoring case as nats-server does.
 * Each key has a canonical name: its first spelling.
 */
final class KeyTable {
    private final Map<String, KeyHandler> handlers = new HashMap<>();
    private final Map<String, String> canonical = new HashMap<>();
    /** How an unknown key is reported; null = nats-server's usual {@code unknown field "k"}. */
    private java.util.function.Function<String, String> unknownMessage;

    /** Registers {@code handler} for {@code names}; the first name is the canonical one. */
    KeyTable on(KeyHandler handler, String... names) {
        for (String name : names) {
            handlers.put(name, handler);
            canonical.put(name, names[0]);
        }
        return this;
    }

    /** Keys that are known but need no handling here (kept with their block for a later feature). */
    KeyTable known(String... names) {
        return on((entry, context) -> { }, names);
    }

    /** Reports unknown keys with this message (some blocks, e.g. tls, word it differently). */
    KeyTable onUnknown(java.util.function.Function<String, String> message) {
        unknownMessage = message;
        return this;
    }

    /**
     * Applies every entry of {@code map} in file order. An unknown key is an error unless it was used as a
     * variable, which is how nats-server lets plain variables live among the options.
     */
    void applyAll(ConfMap map, LoadContext context) {
        for (ConfEntry entry : map.entries()) {
            String name = entry.key().toLowerCase(Locale.ROOT);
            KeyHandler handler = handlers.get(name);
            if (handler == null) {
                if (entry.referenced()) {
                    continue;
                }
                if (unknownMessage != null) {
                    context.error(entry.keyPosition(), unknownMessage.apply(entry.key()));
                } else {
                    context.unknownField(entry);
                }
                continue;
            }
            context.apply(entry, handler);
        }
    }

    /** The canonical name of {@code key}, or null if unknown. */
    String canonicalName(String key) {
        return canonical.get(key.toLowerCase(Locale.ROOT));
    }
}
