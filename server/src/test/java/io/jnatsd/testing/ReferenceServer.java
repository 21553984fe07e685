package io.jnatsd.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Go nats-server as a subprocess on a free loopback port, for differential tests.
 *
 * <p>Options without a command-line flag (max_payload, max_connections, ping_interval, ...) go through a temporary
 * config file passed with {@code -c}. The process is stopped by its own handle on {@link #close()}, never by name.
 */
public final class ReferenceServer implements AutoCloseable {
    private static final String BINARY = "nats-server";
    public static final String BINARY_PROPERTY = "jnatsd.reference.bin";
    /** Debian installs the binary in /usr/sbin, which is not on every user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin");
    private static final long START_TIMEOUT_MILLIS = 5000;
    private static final int START_ATTEMPTS = 3;

    /** The skip line goes to the build log once, not once per skipped test. */
    private static final AtomicBoolean skipAnnounced = new AtomicBoolean();

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;
    private final Thread shutdownHook;

    private ReferenceServer(Process process, int port, Path workDir, Path log) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
        // A crashed test JVM must not leave the subprocess behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "reference-nats-server-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The nats-server binary: the path in system property {@value #BINARY_PROPERTY} when set (a path that does not
     * exist means "no reference", to try the skip path), else on PATH or in the sbin directories Debian uses.
     */
    public static Optional<Path> binary() {
        String forced = System.getProperty(BINARY_PROPERTY);
        if (forced != null) {
            Path p = Path.of(forced);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, BINARY);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static boolean available() {
        return binary().isPresent();
    }

    /**
     * Skips the calling test when nats-server is missing, with a line on stderr so the skip is visible in the build
     * output. Under CI (CI=true) the reference is installed by .ci/run, so a missing binary fails the test instead:
     * a silently skipped differential suite would hide every incompatibility.
     */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("nats-server is not installed, but CI=true requires the differential tests to run");
        }
        String line = "SKIPPED differential: nats-server not installed";
        System.err.println(line);
        if (skipAnnounced.compareAndSet(false, true)) {
            // Surefire redirects System.err to a report file; the process's own stderr reaches the build log.
            @SuppressWarnings("resource") // closing it would close the JVM's stderr
            PrintStream nativeErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                    StandardCharsets.UTF_8);
            nativeErr.println(line);
        }
        Assumptions.assumeTrue(available(), "nats-server not installed");
    }

    /** Starts nats-server on 127.0.0.1 and a free port, with extra command-line arguments. */
    public static ReferenceServer start(String... args) {
        return startWithConfig(null, args);
    }

    /**
     * Starts nats-server with {@code configText} written to a temporary file passed with {@code -c} (null: no config
     * file), plus extra command-line arguments. Returns once the server is ready for clients.
     */
    public static ReferenceServer startWithConfig(String configText, String... args) {
        Path bin = binary().orElseThrow(() -> new IllegalStateException("nats-server is not installed"));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            // The free port can be taken between probing and binding; a fresh port on the next attempt fixes that.
            try {
                return startOnce(bin, freePort(), configText, args);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static ReferenceServer startOnce(Path bin, int port, String configText, String[] args) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ref-nats-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dir.resolve("server.log");
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            if (configText != null) {
                Path conf = dir.resolve("server.conf");
                Files.writeString(conf, configText, StandardCharsets.UTF_8);
                cmd.add("-c");
                cmd.add(conf.toString());
            }
            cmd.addAll(Arrays.asList(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ReferenceServer s = new ReferenceServer(p, port, dir, log);
            try {
                s.awaitReady();
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new IllegalStateException("cannot start " + cmd, e);
        }
    }

    /**
     * Waits for the server's own "Server is ready" log line, which it prints after its client listener is bound.
     * A TCP connect probe would also work, but the probe would be a client: with max_connections=1 it could still be
     * counted when the test's first connection arrives.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            String text = logText();
            if (text.contains("Server is ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ":\n" + text);
            }
            sleep(10);
        }
        throw new IllegalStateException("nats-server not ready after " + START_TIMEOUT_MILLIS + " ms:\n" + logText());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** What the server logged so far (diagnostics for a failing test). */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops this server's process: a polite signal first, then a kill if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
