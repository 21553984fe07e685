package io.jnatsd.cli;

import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Applies one flag the way Go's flag package does, which differs from picocli's defaults:
 * a boolean flag never consumes the next argument (only {@code -D=false} sets a value), any other flag always
 * takes the next argument as its value even when it looks like a flag, and values use Go syntax
 * ({@link GoValues}). Errors carry Go's wording and the flag name as the user spelled it.
 */
final class GoFlagPreprocessor implements IParameterPreprocessor {
    private final List<String> originalArgs;

    GoFlagPreprocessor(List<String> originalArgs) {
        this.originalArgs = originalArgs;
    }

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        boolean attached = "=".equals(info.get("separator"));
        OptionSpec option = (OptionSpec) argSpec;
        String flag = spelledName(args.size(), attached, option);
        if (commandSpec.userObject() instanceof Flags flags) {
            flags.given.add(FlagNames.bare(option.longestName()));
        }
        if (option.type() == boolean.class) {
            argSpec.setValue(!attached || parseBool(args.pop(), flag, commandSpec));
            return true;
        }
        if (args.isEmpty()) {
            throw new ParameterException(commandSpec.commandLine(), "flag needs an argument: " + flag);
        }
        String raw = args.pop();
        if (option.type() == long.class) {
            try {
                argSpec.setValue(GoValues.parseInt(raw));
            } catch (GoValues.BadValue e) {
                throw new ParameterException(commandSpec.commandLine(),
                        "invalid value \"" + raw + "\" for flag " + flag + ": " + e.getMessage());
            }
        } else {
            argSpec.setValue(raw);
        }
        return true;
    }

    private static boolean parseBool(String raw, String flag, CommandSpec commandSpec) {
        try {
            return GoValues.parseBool(raw);
        } catch (GoValues.BadValue e) {
            // Go words boolean errors differently from the others ("for -D", not "for flag -D").
            throw new ParameterException(commandSpec.commandLine(),
                    "invalid boolean value \"" + raw + "\" for " + flag + ": " + e.getMessage());
        }
    }

    /**
     * The flag as typed, in Go's single-dash form ("--port=x" reports "-port"). picocli has already popped the
     * flag (and pushed back an attached value), so the stack size tells where the flag stood.
     */
    private String spelledName(int remaining, boolean attached, OptionSpec option) {
        int index = originalArgs.size() - remaining - (attached ? 0 : 1);
        String fallback = "-" + FlagNames.bare(option.shortestName());
        if (index < 0 || index >= originalArgs.size()) {
            return fallback;
        }
        String typed = FlagNames.bare(originalArgs.get(index));
        for (String name : option.names()) {
            if (FlagNames.bare(name).equals(typed)) {
                return "-" + typed;
            }
        }
        return fallback;
    }
}
