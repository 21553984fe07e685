package io.jnatsd.config.load;

import io.jnatsd.config.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file with semantic errors: all of them, in file order, warnings first (as nats-server lists them), one
 * per line of the message.
 */
public final class ConfigFileException extends ConfigException {
    private final List<ConfigProblem> problems;

    public ConfigFileException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
