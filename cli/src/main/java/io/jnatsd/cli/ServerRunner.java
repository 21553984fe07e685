package io.jnatsd.cli;

import io.jnatsd.NatsServer;
import io.jnatsd.cli.logging.LogConfig;
import io.jnatsd.cli.logging.LogMarkers;
import io.jnatsd.cli.logging.LogSettings;
import io.jnatsd.cli.logging.LogSink;
import io.jnatsd.cli.logging.Throwables;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server until it is stopped: configures logging, starts the server, writes the PID and ports files,
 * hands signals to {@link SignalActions} (stop, reload, reopen the log, lame duck),
 * and waits. Exit code 0 after a clean stop, 1 if it cannot start.
 */
final class ServerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);

    private final ServerOptions options;
    private final List<String> unsupportedFlags;
    private final List<String> unsupportedConfigKeys;
    private final boolean traceVerbose;
    private final PrintStream err;
    private final Supplier<OptionsAssembly.Outcome> reassemble;
    private final RuntimeFiles files = new RuntimeFiles();

    /** {@code reassemble} builds the options again from the config file and the start flags (SIGHUP reload). */
    ServerRunner(ServerOptions options, List<String> unsupportedFlags, List<String> unsupportedConfigKeys,
                 boolean traceVerbose, PrintStream err, Supplier<OptionsAssembly.Outcome> reassemble) {
        this.options = options;
        this.reassemble = reassemble;
        this.unsupportedFlags = unsupportedFlags;
        this.unsupportedConfigKeys = unsupportedConfigKeys;
        this.traceVerbose = traceVerbose;
        this.err = err;
    }

    int run() {
        if (!configureLogging()) {
            return 1;
        }
        warnAboutIgnoredInput();
        // Trap signals before starting, so that a stop arriving during startup is still a clean stop.
        StopSwitch stop = new StopSwitch();
        SignalActions actions = new SignalActions(stop, reassemble, options.configFile() != null);
        if (!SignalTrap.install(actions::onSignal)) {
            LOG.debug("Signal handlers unavailable; relying on the JVM shutdown hook");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.requestStop();
            files.removeAll();
        }, "jnatsd-shutdown"));
        NatsServer server;
        try {
            server = NatsServer.start(options);
        } catch (RuntimeException | Error e) {
            LOG.error(LogMarkers.FATAL, Throwables.describe(e), e);
            return 1;
        }
        stop.attach(server);
        actions.attach(server);
        try {
            writeRuntimeFiles(server);
        } catch (IOException e) {
            LOG.error(LogMarkers.FATAL, Throwables.describe(e), e);
            server.close();
            files.removeAll();
            return 1;
        }
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        files.removeAll();
        return 0;
    }

    private boolean configureLogging() {
        LogSink sink = LogSink.stderr();
        if (options.logFile() != null) {
            try {
                sink = LogSink.appendingTo(Path.of(options.logFile()), options.logSizeLimit());
            } catch (IOException e) {
                err.println(Launcher.EXE + ": error opening file: " + Throwables.describe(e));
                return false;
            }
        }
        LogConfig.configure(new LogSettings(options.debug(), options.trace(), options.logtime(), sink));
        return true;
    }

    private void warnAboutIgnoredInput() {
        if (options.configFile() != null) {
            LOG.info("Using configuration file: {}", options.configFile());
        }
        for (String key : unsupportedConfigKeys) {
            LOG.warn("Configuration option {} ignored: not supported by jnatsd yet", key);
        }
        for (String flag : unsupportedFlags) {
            LOG.warn("Flag --{} ignored: not supported by jnatsd yet", flag);
        }
        if (traceVerbose) {
            LOG.debug("Verbose trace (system account) has no effect: jnatsd has no system account yet");
        }
    }

    private void writeRuntimeFiles(NatsServer server) throws IOException {
        long pid = ProcessHandle.current().pid();
        if (options.pidFile() != null) {
            try {
                files.writePid(Path.of(options.pidFile()), pid);
            } catch (IOException e) {
                throw new IOException("Could not write pidfile: " + Throwables.describe(e), e);
            }
        }
        if (options.portsFileDir() != null) {
            Map<String, List<String>> ports = new LinkedHashMap<>();
            ports.put("nats", ClientUrls.of("nats", options.host(), server.port()));
            try {
                files.writePorts(Path.of(options.portsFileDir()), pid, ports);
            } catch (IOException e) {
                throw new IOException("Error writing ports file: " + Throwables.describe(e), e);
            }
        }
    }
}
