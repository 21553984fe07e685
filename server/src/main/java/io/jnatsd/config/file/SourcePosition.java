package io.jnatsd.config.file;

import java.util.Objects;

/**
 * Where something stands in a configuration source: file name as given (or a description such as
 * {@code environment variable FOO}), 1-based line, 1-based column. Printed as {@code file:line:column}, the form
 * nats-server uses in its semantic errors.
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
