package io.jnatsd.config.load;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfigFileParser;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Loads a nats-server configuration file into a {@link ServerOptions.Builder}: every top-level key nats-server
 * 2.9.10 knows is accepted; core keys become options, sections of later features are kept as
 * {@link io.jnatsd.config.ConfigBlock}s. Problems are reported all at once, each at its {@code file:line:column},
 * with nats-server's wording: a syntax error as a {@link io.jnatsd.config.file.ConfSyntaxException}, semantic
 * errors as a {@link ConfigFileException}. Warnings (which nats-server prints before starting) are in the
 * returned {@link LoadReport}. {@link ServerOptions.Builder#build()} is left to the caller, after command-line
 * flags have been applied on top.
 */
public final class ConfigFileLoader {
    private static final KeyTable TOP_LEVEL = topLevel();

    private final ConfigFileParser parser;

    public ConfigFileLoader(Function<String, String> environment) {
        this.parser = new ConfigFileParser(environment);
    }

    public static ConfigFileLoader withSystemEnvironment() {
        return new ConfigFileLoader(System::getenv);
    }

    public LoadReport load(Path file, ServerOptions.Builder builder) {
        ConfMap root = parser.parseFile(file);
        builder.configFile(file.toString());
        return apply(root, builder);
    }

    /** Applies an already parsed tree. */
    public static LoadReport apply(ConfMap root, ServerOptions.Builder builder) {
        LoadContext context = new LoadContext(builder);
        for (ConfEntry entry : root.entries()) {
            String canonical = TOP_LEVEL.canonicalName(entry.key());
            if (canonical != null) {
                context.seen(canonical);
            }
        }
        TOP_LEVEL.applyAll(root, context);
        if (context.hasErrors()) {
            throw new ConfigFileException(context.problems());
        }
        return context.report();
    }

    /** Canonical names of the top-level sections that are only kept, not acted on, by this version. */
    public static List<String> keptBlockNames() {
        return KeptBlocks.names();
    }

    private static KeyTable topLevel() {
        KeyTable keys = new KeyTable();
        NetworkKeys.register(keys);
        LimitKeys.register(keys);
        LoggingKeys.register(keys);
        AuthorizationSection.register(keys);
        AccountsSection.register(keys);
        JetStreamSection.register(keys);
        ClusterSection.register(keys);
        MappingsSection.register(keys);
        WebSocketSection.register(keys);
        TlsSection.register(keys);
        OperatorSection.register(keys);
        KeptBlocks.register(keys);
        return keys;
    }
}
