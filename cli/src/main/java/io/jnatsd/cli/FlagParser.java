package io.jnatsd.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Parses a command line into {@link Flags} with Go flag-package semantics (see {@link GoFlagPreprocessor}). */
final class FlagParser {
    private FlagParser() {
    }

    static Flags parse(String... args) throws FlagException {
        Flags flags = new Flags();
        CommandLine commandLine = new CommandLine(flags, new Factory(List.of(args)));
        commandLine
                .setPosixClusteredShortOptionsAllowed(false) // -DV is its own flag, not -D -V
                .setStopAtPositional(true)                   // Go stops at the first non-flag argument
                .setOverwrittenOptionsAllowed(true)          // Go lets a later flag win
                .setExpandAtFiles(false)                     // "@file" is a plain value to Go
                .setUnmatchedOptionsAllowedAsOptionParameters(true);
        try {
            commandLine.parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            List<String> unmatched = e.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            throw new FlagException("flag provided but not defined: -" + FlagNames.bare(first));
        } catch (ParameterException e) {
            throw new FlagException(e.getMessage());
        }
        return flags;
    }

    /** Hands each flag's preprocessor the original arguments, so errors can name the flag as typed. */
    private static final class Factory implements IFactory {
        private final List<String> args;

        Factory(List<String> args) {
            this.args = args;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == GoFlagPreprocessor.class) {
                return cls.cast(new GoFlagPreprocessor(args));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
