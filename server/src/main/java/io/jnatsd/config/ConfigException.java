package io.jnatsd.config;

/**
 * An invalid option. The message names the option (and, for config files, file:line:column). When the problem is
 * with one option, {@link #option()} names it (by its config-file key), so that a caller that knows where the
 * option was set can say so.
 */
public class ConfigException extends RuntimeException {
    private final String option;

    public ConfigException(String message) {
        this(null, message);
    }

    /** {@code option} is the config-file key the problem is about; the message should already name it too. */
    public ConfigException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The config-file key this problem is about, or null if it is not about a single option. */
    public String option() {
        return option;
    }
}
