package io.jnatsd.config.load;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one load: the builder being filled, the problems found so far (loading goes on after an error, so
 * that all of them are reported at once, as nats-server does), where each option was set, and which top-level
 * keys were seen.
 */
final class LoadContext {
    private final ServerOptions.Builder builder;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Map<String, SourcePosition> origins = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private SourcePosition storeDirSetAt;

    LoadContext(ServerOptions.Builder builder) {
        this.builder = builder;
    }

    ServerOptions.Builder builder() {
        return builder;
    }

    /** Runs {@code handler} for {@code entry}; a {@link WrongValue} it throws becomes an error at the key. */
    void apply(ConfEntry entry, KeyHandler handler) {
        try {
            handler.apply(entry, this);
        } catch (WrongValue e) {
            error(entry.keyPosition(), e.getMessage());
        }
    }

    void error(SourcePosition at, String message) {
        errors.add(new ConfigProblem(at, message, false));
    }

    void warning(SourcePosition at, String message) {
        warnings.add(new ConfigProblem(at, message, true));
    }

    /** nats-server's wording for a key it does not know. */
    void unknownField(ConfEntry entry) {
        error(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
    }

    /** Records that {@code option} was set by the entry at {@code at}. */
    void setBy(String option, SourcePosition at) {
        origins.put(option, at);
    }

    void seen(String canonicalKey) {
        keys.add(canonicalKey);
    }

    /** nats-server allows the JetStream store directory once: at the top level or in the jetstream block. */
    void storeDir(String dir, SourcePosition at) {
        if (storeDirSetAt != null) {
            throw new WrongValue("Duplicate 'store_dir' configuration");
        }
        storeDirSetAt = at;
        builder.storeDir(dir);
        setBy("store_dir", at);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Warnings first, then errors, as nats-server prints them. */
    List<ConfigProblem> problems() {
        List<ConfigProblem> all = new ArrayList<>(warnings);
        all.addAll(errors);
        return all;
    }

    LoadReport report() {
        return new LoadReport(warnings, origins, keys);
    }
}
