package io.jnatsd.cli;

import io.jnatsd.protocol.ServerVersion;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What nats-server's main does before serving: parse flags, load the config file (-c) under them, answer
 * -v / -h / --help_tls / -t, refuse bad input with "jnatsd: ..." lines and exit code 1, then hand over to
 * {@link ServerRunner}. Returns the exit code
 * instead of exiting, so it is testable in-process.
 */
final class Launcher {
    static final String EXE = "jnatsd";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;

    Launcher(PrintStream out, PrintStream err) {
        this(out, err, System::getenv);
    }

    /** {@code environment} resolves config-file variables that the file does not define. */
    Launcher(PrintStream out, PrintStream err, Function<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
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
            try {
                SignalCommand.send(flags.signal);
                return 0;
            } catch (SignalCommand.SignalException e) {
                return fail(e.getMessage());
            }
        }
        OptionsAssembly.Outcome outcome = OptionsAssembly.assemble(flags, environment);
        if (outcome.failed()) {
            return fail(outcome.errors());
        }
        if (flags.checkConfig) {
            return checkConfig(flags, outcome);
        }
        // nats-server prints config warnings as they are, before its log starts, and runs on.
        outcome.warnings().forEach(err::println);
        err.flush();
        List<String> unsupported = new ArrayList<>(OptionsMapper.unsupportedInUse(flags));
        List<String> unsupportedKeys = ConfigSupport.unsupportedInUse(outcome.configKeys());
        return new ServerRunner(outcome.options(), unsupported, unsupportedKeys, outcome.options().traceVerbose(),
                err, () -> OptionsAssembly.assemble(flags, environment)).run();
    }

    /**
     * -t: nats-server insists on a config file, treats its warnings as errors, and says the file is valid on
     * stderr with its own name in front (kept, like the version line, for tools that read it).
     */
    private int checkConfig(Flags flags, OptionsAssembly.Outcome outcome) {
        if (flags.configFile.isEmpty()) {
            return fail("must specify [-c, --config] option to check configuration file syntax");
        }
        if (!outcome.warnings().isEmpty()) {
            return fail(outcome.warnings());
        }
        err.println("nats-server: configuration file " + flags.configFile + " is valid");
        err.flush();
        return 0;
    }

    /** Several problems (a config file's): one line each, each with the program name in front. */
    private int fail(List<String> lines) {
        for (String line : lines) {
            err.println(EXE + ": " + line);
        }
        err.flush();
        return 1;
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
