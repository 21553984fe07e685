package io.jnatsd.config.load;

import io.jnatsd.config.file.SourcePosition;

/**
 * One thing wrong with a config file: {@code file:line:column: message}. Warnings are the problems nats-server
 * tolerates at startup but not under {@code -t} (e.g. a duration given as a plain number of seconds).
 */
public record ConfigProblem(SourcePosition position, String message, boolean warning) {
    @Override
    public String toString() {
        return position + ": " + message;
    }
}
