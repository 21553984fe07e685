package io.jnatsd.cli;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ConfigFileException;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.config.load.ConfigProblem;
import io.jnatsd.config.load.LoadReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the server options the way nats-server does: the config file (-c) first, the flags given on the command
 * line on top of it (flags win), then one validation. The outcome is the options, or the lines to print when
 * something is wrong; a validation error about an option the file set names the file position.
 */
final class OptionsAssembly {
    /** Exactly one of {@code options} and {@code errors} is set. */
    record Outcome(ServerOptions options, List<String> warnings, List<String> errors, Set<String> configKeys) {
        boolean failed() {
            return !errors.isEmpty();
        }
    }

    private OptionsAssembly() {
    }

    static Outcome assemble(Flags flags, Function<String, String> environment) {
        ServerOptions.Builder builder = ServerOptions.builder();
        LoadReport report = null;
        if (!flags.configFile.isEmpty()) {
            try {
                report = new ConfigFileLoader(environment).load(Path.of(flags.configFile), builder);
            } catch (ConfigFileException e) {
                return failure(e.problems().stream().map(ConfigProblem::toString).toList());
            } catch (ConfigException e) {
                return failure(List.of(e.getMessage()));
            }
        }
        Set<String> fromFlags = OptionsMapper.applyTo(flags, builder);
        try {
            OptionsMapper.applyTls(flags, builder);
            ServerOptions options = builder.build();
            List<String> warnings = report == null ? List.of()
                    : report.warnings().stream().map(ConfigProblem::toString).toList();
            return new Outcome(options, warnings, List.of(), report == null ? Set.of() : report.keys());
        } catch (ConfigException e) {
            return failure(List.of(located(e, report, fromFlags)));
        }
    }

    /** "file:line:col: message" when the failing option came from the file and no flag replaced it. */
    private static String located(ConfigException e, LoadReport report, Set<String> fromFlags) {
        if (report == null || e.option() == null || fromFlags.contains(e.option())) {
            return e.getMessage();
        }
        return report.origin(e.option()).map(at -> at + ": " + e.getMessage()).orElse(e.getMessage());
    }

    private static Outcome failure(List<String> lines) {
        return new Outcome(null, List.of(), new ArrayList<>(lines), Set.of());
    }
}
