package io.jnatsd.config.file;

/** Resolves {@code $NAME} at the position it is used at. */
@FunctionalInterface
interface VariableLookup {
    ConfValue resolve(String name, SourcePosition usedAt);
}
