package io.jnatsd.cli.logging;

/**
 * The one switch board of the backend. Main configures it before the server starts; loggers read it on every
 * call, so loggers created earlier (static fields) follow the new settings too.
 */
public final class LogConfig {
    private static volatile LogSettings settings = LogSettings.defaults();
    private static final LogFormat FORMAT = LogFormat.forThisProcess();

    private LogConfig() {
    }

    public static void configure(LogSettings newSettings) {
        settings = newSettings;
    }

    public static LogSettings settings() {
        return settings;
    }

    static LogFormat format() {
        return FORMAT;
    }
}
