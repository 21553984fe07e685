package io.jnatsd.config.file;

import java.time.Instant;

/** A Zulu datetime such as {@code 2023-01-02T15:04:05Z}; the format accepts no other form. */
public record ConfDateTime(Instant value, SourcePosition position) implements ConfValue {
    @Override
    public ConfDateTime at(SourcePosition where) {
        return new ConfDateTime(value, where);
    }

    @Override
    public String goTypeName() {
        return "time.Time";
    }
}
