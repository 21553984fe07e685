package io.jnatsd.config.file;

import java.nio.file.Path;
import java.util.Map;

/** Parses test texts named "t.conf" with a given environment. */
final class Parsing {
    private Parsing() {
    }

    static ConfMap parse(String text) {
        return parse(text, Map.of());
    }

    static ConfMap parse(String text, Map<String, String> environment) {
        return new ConfigFileParser(environment::get).parseString(text, "t.conf", Path.of("."));
    }

    static ConfValue value(String text, String key) {
        return parse(text).entry(key).orElseThrow(() -> new AssertionError("no key " + key)).value();
    }

    static SourcePosition at(int line, int column) {
        return new SourcePosition("t.conf", line, column);
    }
}
