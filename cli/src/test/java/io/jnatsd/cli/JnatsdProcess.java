package io.jnatsd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * bin/jnatsd run as a child process, its stdout and stderr collected line by line. The launcher runs from the
 * build's classpath (JNATSD_CLASSPATH), so tests need no prior `package` and never trigger the script's build.
 */
final class JnatsdProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private JnatsdProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    static JnatsdProcess start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** As {@link #start(String...)}, with extra environment variables (e.g. JAVA_OPTS). */
    static JnatsdProcess start(java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JNATSD_CLASSPATH", classpath());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        return new JnatsdProcess(builder.start());
    }

    static Path launcher() {
        String configured = System.getProperty("jnatsd.test.launcher");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "bin", "jnatsd");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("bin/jnatsd not found or not executable at " + path.toAbsolutePath());
        }
        return path.toAbsolutePath().normalize();
    }

    /** Set by the cli pom (target/classes + runtime dependencies); the test JVM's own classpath otherwise. */
    private static String classpath() {
        String configured = System.getProperty("jnatsd.test.classpath");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return configured;
        }
        return System.getProperty("java.class.path");
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "jnatsd-test-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a stderr line matching {@code wanted}; returns it, or null on timeout or process exit. */
    String awaitErr(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (err) {
            while (true) {
                for (String line : err) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && !errReader.isAlive())) {
                    return null;
                }
                err.wait(Math.min(left, 100));
            }
        }
    }

    /** Waits for exit and for both streams to be drained; returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("jnatsd did not exit within " + timeout + "; stderr: " + err());
        }
        outReader.join(5_000);
        errReader.join(5_000);
        return process.exitValue();
    }

    /**
     * SIGTERM. Through the ProcessHandle: Process.destroy() sends the same signal but also closes our ends of the
     * pipes, which would lose the shutdown lines we want to check.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
