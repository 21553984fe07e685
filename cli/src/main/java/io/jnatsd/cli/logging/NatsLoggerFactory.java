package io.jnatsd.cli.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link NatsLogger} per name; they hold no settings of their own, so caching them is safe. */
final class NatsLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, NatsLogger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, NatsLogger::new);
    }
}
