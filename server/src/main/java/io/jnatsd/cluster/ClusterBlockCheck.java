package io.jnatsd.cluster;

import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfMap;

/**
 * Refuses to start routes with parts of the cluster block jnatsd does not act on yet: running a cluster without the
 * route authorization or TLS the file asks for would be silently insecure.
 */
public final class ClusterBlockCheck {
    private static final String[] NOT_SUPPORTED = {"authorization", "tls", "permissions"};

    private ClusterBlockCheck() {
    }

    public static void refuseUnsupported(ServerOptions options) {
        ConfigBlock block = options.configBlocks().get("cluster");
        if (block == null || !(block.value() instanceof ConfMap map)) {
            return;
        }
        for (String key : NOT_SUPPORTED) {
            if (map.entryIgnoringCase(key).isPresent()) {
                throw new ConfigException("cluster", "cluster " + key + " is not supported by jnatsd yet");
            }
        }
    }
}
