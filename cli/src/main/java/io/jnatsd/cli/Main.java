package io.jnatsd.cli;

/** {@code jnatsd}: a nats-server compatible command line for the jnatsd server. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new Launcher(System.out, System.err).run(args);
        System.out.flush();
        // Explicit: Netty's non-daemon threads must not keep a stopped server's JVM alive.
        System.exit(code);
    }
}
