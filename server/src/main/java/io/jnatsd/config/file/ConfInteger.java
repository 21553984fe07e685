package io.jnatsd.config.file;

/** An integer; {@code text} is as written (e.g. {@code 1MB}), {@code value} has the size suffix applied. */
public record ConfInteger(long value, String text, SourcePosition position) implements ConfValue {
    @Override
    public ConfInteger at(SourcePosition where) {
        return new ConfInteger(value, text, where);
    }

    @Override
    public String goTypeName() {
        return "int64";
    }
}
