package io.jnatsd.cli;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerVersion;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What nats-server's main does before serving: parse flags, answer -v / -h / --help_tls / -t, refuse bad input
 * with one "jnatsd: ..." line and exit code 1, then hand over to {@link ServerRunner}. Returns the exit code
 * instead of exiting, so it is testable in-process.
 */
final class Launcher {
    static final String EXE = "jnatsd";

    private final PrintStream out;
    private final PrintStream err;

    Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String... args) {
        Flags flags;
        try {
            flags = FlagParser.parse(args);
        } catch (FlagException e) {
            return fail(e.getMessage());
        }
        if (!flags.commands.isEmpty()) {
            // nats-server reads the first non-flag word as a command.
            String command = flags.commands.get(0);
            switch (command.toLowerCase(Locale.ROOT)) {
                case "version": flags.version = true; break;
                case "help": flags.help = true; break;
                default: return fail("unrecognized command: " + goQuote(command));
            }
        }
        if (flags.version) {
            // The same constant the server puts in INFO, so tools that parse "nats-server: vX" see what clients see.
            out.println("nats-server: v" + ServerVersion.VERSION);
            return 0;
        }
        if (flags.help) {
            out.print(Usage.help());
            out.flush();
            return 0;
        }
        if (flags.helpTls) {
            out.print(Usage.tlsHelp());
            out.flush();
            return 0;
        }
        if (!flags.signal.isEmpty()) {
            return fail("signal not implemented yet");
        }
        ServerOptions options;
        try {
            options = OptionsMapper.toBuilder(flags).build();
        } catch (ConfigException e) {
            return fail(e.getMessage());
        }
        if (options.configFile() != null && !Files.isReadable(Path.of(options.configFile()))) {
            return fail("open " + options.configFile() + ": no such file or directory");
        }
        if (flags.checkConfig) {
            return checkConfig(options);
        }
        return new ServerRunner(options, OptionsMapper.unsupportedInUse(flags), flags.traceVerboseEnabled(), err)
                .run();
    }

    /** -t: nats-server insists on a config file; until config files are read, none can be vouched for. */
    private int checkConfig(ServerOptions options) {
        if (options.configFile() == null) {
            return fail("must specify [-c, --config] option to check configuration file syntax");
        }
        return fail("cannot check configuration file " + options.configFile()
                + ": config file support is not implemented yet");
    }

    private int fail(String message) {
        err.println(EXE + ": " + message);
        err.flush();
        return 1;
    }

    /** Go's %q for the common cases: quotes, backslashes and control characters escaped. */
    private static String goQuote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\x%02x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
