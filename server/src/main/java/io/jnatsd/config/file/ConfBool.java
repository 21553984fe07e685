package io.jnatsd.config.file;

/** An unquoted true/false/yes/no/on/off, in any letter case. */
public record ConfBool(boolean value, SourcePosition position) implements ConfValue {
    @Override
    public ConfBool at(SourcePosition where) {
        return new ConfBool(value, where);
    }

    @Override
    public String goTypeName() {
        return "bool";
    }
}
