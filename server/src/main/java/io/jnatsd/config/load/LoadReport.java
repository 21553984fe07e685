package io.jnatsd.config.load;

import io.jnatsd.config.file.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What loading a config file left besides the options: warnings to print (nats-server prints them and starts),
 * where each option was set (so that a later validation error can point into the file), and which top-level keys
 * were present, by canonical name, in file order.
 */
public record LoadReport(List<ConfigProblem> warnings, Map<String, SourcePosition> origins, Set<String> keys) {
    public LoadReport {
        warnings = List.copyOf(warnings);
        origins = Map.copyOf(origins);
        keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys)); // file order, for messages
    }

    /** Where the file set {@code option} (named as in {@link io.jnatsd.config.ConfigException#option()}). */
    public Optional<SourcePosition> origin(String option) {
        return Optional.ofNullable(option == null ? null : origins.get(option));
    }
}
