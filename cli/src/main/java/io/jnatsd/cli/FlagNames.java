package io.jnatsd.cli;

/** Go's view of a flag argument: one or two leading dashes, then the name, then optionally "=value". */
final class FlagNames {
    private FlagNames() {
    }

    /** "--port=1" and "-port" both give "port". */
    static String bare(String arg) {
        String s = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : arg;
        int eq = s.indexOf('=');
        return eq < 0 ? s : s.substring(0, eq);
    }
}
