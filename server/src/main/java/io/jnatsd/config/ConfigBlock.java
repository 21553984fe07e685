package io.jnatsd.config;

import io.jnatsd.config.file.ConfValue;
import io.jnatsd.config.file.SourcePosition;
import java.util.Objects;

/**
 * A configuration-file section that is accepted and kept but not yet acted on (accounts, tls, gateway,
 * leafnodes, websocket, mqtt, operator, resolver, ...): its canonical name, the key as written, and the parsed
 * value with positions, so that the issue implementing the feature can read it without re-parsing the file.
 */
public record ConfigBlock(String name, String key, SourcePosition keyPosition, ConfValue value) {
    public ConfigBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyPosition, "keyPosition");
        Objects.requireNonNull(value, "value");
    }
}
