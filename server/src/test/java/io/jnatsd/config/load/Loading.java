package io.jnatsd.config.load;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfigFileParser;
import java.nio.file.Path;
import java.util.Map;

/** Loads test texts (named "t.conf") into options. */
final class Loading {
    private Loading() {
    }

    static ServerOptions.Builder builder(String text) {
        ServerOptions.Builder b = ServerOptions.builder();
        report(text, b);
        return b;
    }

    static LoadReport report(String text, ServerOptions.Builder b) {
        return ConfigFileLoader.apply(new ConfigFileParser(Map.<String, String>of()::get)
                .parseString(text, "t.conf", Path.of(".")), b);
    }

    static ServerOptions options(String text) {
        return builder(text).build();
    }
}
