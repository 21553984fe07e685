package io.jnatsd.config.file;

import java.util.List;

/** {@code [a, b, c]}: elements in order, of any types. */
public record ConfArray(List<ConfValue> elements, SourcePosition position) implements ConfValue {
    public ConfArray {
        elements = List.copyOf(elements);
    }

    @Override
    public ConfArray at(SourcePosition where) {
        return new ConfArray(elements, where);
    }

    @Override
    public String goTypeName() {
        return "[]interface {}";
    }
}
