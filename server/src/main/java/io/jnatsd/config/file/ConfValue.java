package io.jnatsd.config.file;

/**
 * One parsed configuration value with the position it was written at. The types are those of nats-server's
 * config format: strings, 64-bit integers (size suffixes already applied), floats, booleans, Zulu datetimes,
 * arrays and maps.
 */
public sealed interface ConfValue
        permits ConfString, ConfInteger, ConfFloat, ConfBool, ConfDateTime, ConfArray, ConfMap {

    SourcePosition position();

    /** The same value, reported at another position: a variable reference takes the place it is used at. */
    ConfValue at(SourcePosition position);

    /**
     * The Go type nats-server would hold this value as. Its type errors name these ("interface {} is string, not
     * int64"), and jnatsd reuses that wording so that messages match.
     */
    String goTypeName();
}
