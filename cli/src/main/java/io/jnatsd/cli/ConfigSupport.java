package io.jnatsd.cli;

import io.jnatsd.config.load.ConfigFileLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which config-file keys the server accepts but does not act on yet, so that the launcher can warn about them
 * as it does for flags (a file asking for TLS or a cluster must not silently run without).
 */
final class ConfigSupport {
    private static final Set<String> NOT_IN_EFFECT = notInEffect();

    private ConfigSupport() {
    }

    /** The canonical names among {@code keys} (as loaded) that have no effect yet, in the given order. */
    static List<String> unsupportedInUse(Set<String> keys) {
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            if (NOT_IN_EFFECT.contains(key)) {
                names.add(key);
            }
        }
        return names;
    }

    private static Set<String> notInEffect() {
        Set<String> names = new LinkedHashSet<>(ConfigFileLoader.keptBlockNames());
        names.addAll(List.of("syslog", "remote_syslog", "prof_port"));
        return names;
    }
}
