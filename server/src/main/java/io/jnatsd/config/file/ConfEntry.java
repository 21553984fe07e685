package io.jnatsd.config.file;

/**
 * One {@code key = value} of a map. {@code referenced} is true when the key was used as a {@code $variable}:
 * nats-server then does not report it as an unknown field, which is how plain variables are allowed at the top
 * level.
 */
public record ConfEntry(String key, SourcePosition keyPosition, ConfValue value, boolean referenced) {
    ConfEntry markReferenced() {
        return referenced ? this : new ConfEntry(key, keyPosition, value, true);
    }
}
