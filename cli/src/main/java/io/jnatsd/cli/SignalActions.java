package io.jnatsd.cli;

import io.jnatsd.NatsServer;
import io.jnatsd.cli.logging.LogConfig;
import io.jnatsd.cli.logging.LogSettings;
import io.jnatsd.cli.logging.LogSink;
import io.jnatsd.cli.logging.Throwables;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each trapped signal does, as in nats-server: INT / TERM stop; HUP reloads the config file; USR1 reopens the
 * log file; USR2 enters lame duck mode. Signals run on the JVM's signal thread, one at a time; a reload or lame
 * duck request that arrives before the server has started is ignored, like nats-server, which traps them later.
 */
final class SignalActions {
    private static final Logger LOG = LoggerFactory.getLogger(SignalActions.class);

    private final StopSwitch stop;
    /** Re-reads the config file and applies the start flags on top, exactly as at start. */
    private final Supplier<OptionsAssembly.Outcome> reassemble;
    private final boolean haveConfigFile;
    private volatile NatsServer server;

    SignalActions(StopSwitch stop, Supplier<OptionsAssembly.Outcome> reassemble, boolean haveConfigFile) {
        this.stop = stop;
        this.reassemble = reassemble;
        this.haveConfigFile = haveConfigFile;
    }

    void attach(NatsServer started) {
        server = started;
    }

    /** Called with Go's signal name (see {@link SignalTrap#GO_NAMES}). */
    void onSignal(String goName) {
        LOG.debug("Trapped \"{}\" signal", goName);
        switch (goName) {
            case "hangup": reload(); break;
            case "user defined signal 1": reopenLog(); break;
            case "user defined signal 2": lameDuck(); break;
            default: stop.requestStop(); break;
        }
    }

    void reload() {
        NatsServer s = server;
        if (s == null) {
            return;
        }
        if (!haveConfigFile) {
            LOG.error("Failed to reload server configuration: can only reload config when a file is provided "
                    + "using -c or --config");
            return;
        }
        OptionsAssembly.Outcome outcome = reassemble.get();
        if (outcome.failed()) {
            LOG.error("Failed to reload server configuration: {}", String.join("; ", outcome.errors()));
            return;
        }
        ServerOptions before = s.options();
        try {
            s.reload(outcome.options());
        } catch (ConfigException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
            return;
        }
        applyLogging(before, outcome.options());
    }

    /** The library leaves logging to its host: debug, trace, logtime and the log file are switched here. */
    private static void applyLogging(ServerOptions before, ServerOptions after) {
        LogSettings current = LogConfig.settings();
        LogSink sink = current.sink();
        boolean newFile = !Objects.equals(before.logFile(), after.logFile())
                || before.logSizeLimit() != after.logSizeLimit();
        if (newFile) {
            try {
                sink = after.logFile() == null ? LogSink.stderr()
                        : LogSink.appendingTo(Path.of(after.logFile()), after.logSizeLimit());
            } catch (IOException e) {
                LOG.error("Failed to open log file {}: {}", after.logFile(), Throwables.describe(e));
                sink = current.sink();
                newFile = false;
            }
        }
        LogConfig.configure(new LogSettings(after.debug(), after.trace(), after.logtime(), sink));
        if (newFile) {
            current.sink().close();
        }
    }

    void reopenLog() {
        LogSink sink = LogConfig.settings().sink();
        if (!sink.isFile()) {
            LOG.info("File log re-open ignored, not a file logger");
            return;
        }
        try {
            sink.reopen();
            LOG.info("File log re-opened");
        } catch (IOException e) {
            LOG.error("Failed to re-open log file: {}", Throwables.describe(e));
        }
    }

    void lameDuck() {
        NatsServer s = server;
        if (s != null) {
            s.enterLameDuckMode();
        }
    }
}
