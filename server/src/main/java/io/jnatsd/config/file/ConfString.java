package io.jnatsd.config.file;

/** A quoted, unquoted or block string, after escape processing. */
public record ConfString(String value, SourcePosition position) implements ConfValue {
    @Override
    public ConfString at(SourcePosition where) {
        return new ConfString(value, where);
    }

    @Override
    public String goTypeName() {
        return "string";
    }
}
