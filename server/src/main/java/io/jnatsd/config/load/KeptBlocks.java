package io.jnatsd.config.load;

import io.jnatsd.config.ConfigBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-level keys of features jnatsd does not have yet. They are accepted (as nats-server 2.9.10 knows them) and
 * kept unvalidated in {@link io.jnatsd.config.ServerOptions#configBlocks()} under their canonical name, so that
 * a file written for nats-server loads and the issue implementing the feature finds its settings.
 */
final class KeptBlocks {
    private static final String[][] GROUPS = {
        {"resolver_tls"},
        {"resolver_pinned_accounts"},
        {"ocsp"},
        {"gateway"},
        {"leafnodes", "leaf"},
        {"mqtt"},
        {"default_js_domain"},
    };

    private KeptBlocks() {
    }

    static void register(KeyTable keys) {
        for (String[] names : GROUPS) {
            String canonical = names[0];
            keys.on((e, c) -> c.builder().configBlock(new ConfigBlock(canonical, e.key(), e.keyPosition(),
                    e.value())), names);
        }
    }

    /** Canonical names of the kept blocks, for callers that warn that these have no effect yet. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] group : GROUPS) {
            names.add(group[0]);
        }
        return names;
    }
}
