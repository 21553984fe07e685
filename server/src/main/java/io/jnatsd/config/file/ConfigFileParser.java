package io.jnatsd.config.file;

import io.jnatsd.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parses nats-server configuration files into a {@link ConfMap} tree with positions on every value. Syntax:
 * {@code key = value}, {@code key: value} or {@code key value}; maps {@code {}}, arrays {@code []}; {@code #} and
 * {@code //} comments; {@code include file}; {@code $VARIABLE} references (earlier keys of enclosing maps, then
 * the environment); strings, integers with size suffixes, floats, booleans, Zulu datetimes and {@code ( ... )}
 * block strings. Errors are {@link ConfSyntaxException}s naming {@code file:line:column}.
 */
public final class ConfigFileParser {
    private final Function<String, String> environment;

    /** {@code environment} maps a variable name to its value, or null when it is not set. */
    public ConfigFileParser(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static ConfigFileParser withSystemEnvironment() {
        return new ConfigFileParser(System::getenv);
    }

    /**
     * Parses {@code file}; includes are relative to its directory. A file that cannot be read is a
     * {@link ConfigException} worded like Go's ("open x.conf: no such file or directory").
     */
    public ConfMap parseFile(Path file) {
        try {
            return new ParseSession(environment).parseFile(file, file.toString());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Parses text named {@code name} in positions; includes are relative to {@code baseDir}. */
    public ConfMap parseString(String text, String name, Path baseDir) {
        return new ConfParser(new SourceCursor(text, name), new ParseSession(environment), baseDir)
                .parseDocument();
    }
}
