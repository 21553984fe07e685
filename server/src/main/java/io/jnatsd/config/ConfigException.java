package io.jnatsd.config;

/** An invalid option. The message names the option (and, for config files, file:line:column). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
