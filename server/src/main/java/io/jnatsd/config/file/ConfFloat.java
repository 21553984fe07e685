package io.jnatsd.config.file;

/** A decimal number with a fraction, e.g. an authorization timeout of {@code 0.5} seconds. */
public record ConfFloat(double value, String text, SourcePosition position) implements ConfValue {
    @Override
    public ConfFloat at(SourcePosition where) {
        return new ConfFloat(value, text, where);
    }

    @Override
    public String goTypeName() {
        return "float64";
    }
}
