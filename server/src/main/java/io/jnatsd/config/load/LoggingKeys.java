package io.jnatsd.config.load;

/** Logging and runtime files: debug, trace, logtime, log_file, pid_file, ports_file_dir, ... */
final class LoggingKeys {
    private LoggingKeys() {
    }

    static void register(KeyTable keys) {
        keys.on((e, c) -> c.builder().debug(Values.bool(e.value())), "debug")
                .on((e, c) -> c.builder().trace(Values.bool(e.value())), "trace")
                .on((e, c) -> {
                    // nats-server: verbose tracing is tracing too.
                    boolean on = Values.bool(e.value());
                    c.builder().traceVerbose(on).trace(on);
                }, "trace_verbose")
                .on((e, c) -> c.builder().logtime(Values.bool(e.value())), "logtime")
                .on((e, c) -> c.builder().logFile(Values.string(e.value())), "logfile", "log_file")
                .on((e, c) -> {
                    c.builder().logSizeLimit(Values.integer(e.value()));
                    c.setBy("logfile_size_limit", e.keyPosition());
                }, "logfile_size_limit", "log_size_limit")
                .on((e, c) -> c.builder().syslog(Values.bool(e.value())), "syslog")
                .on((e, c) -> c.builder().remoteSyslog(Values.string(e.value())), "remote_syslog")
                .on((e, c) -> c.builder().pidFile(Values.string(e.value())), "pidfile", "pid_file")
                .on((e, c) -> c.builder().portsFileDir(Values.string(e.value())), "ports_file_dir");
    }
}
