package io.jnatsd.config.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * What one parse of a configuration shares across the files it includes and the environment values it parses:
 * the environment, and the files and variables being resolved right now, so that cycles are errors instead of
 * the endless recursion nats-server 2.9.10 falls into.
 */
final class ParseSession {
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final Function<String, String> environment;
    private final Deque<Path> openFiles = new ArrayDeque<>();
    private final Set<String> resolvingEnvironment = new HashSet<>();

    ParseSession(Function<String, String> environment) {
        this.environment = environment;
    }

    String environmentValue(String name) {
        return environment.apply(name);
    }

    /** Parses a whole file; {@code shownAs} is the name its positions carry. */
    ConfMap parseFile(Path file, String shownAs) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (openFiles.contains(key) || openFiles.size() >= MAX_INCLUDE_DEPTH) {
            throw new IOException("include cycle: " + shownAs + " is already being read");
        }
        String text = read(file, shownAs);
        openFiles.push(key);
        try {
            return new ConfParser(new SourceCursor(text, shownAs), this, file.toAbsolutePath().getParent())
                    .parseDocument();
        } finally {
            openFiles.pop();
        }
    }

    /**
     * Marks an environment variable as being parsed; false if it already is (a cycle such as A='$A').
     */
    boolean enterEnvironment(String name) {
        return resolvingEnvironment.add(name);
    }

    void leaveEnvironment(String name) {
        resolvingEnvironment.remove(name);
    }

    /** Reads a file; failures are worded like Go's os errors, which nats-server prints. */
    static String read(Path file, String shownAs) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("read " + shownAs + ": is a directory");
        }
        try {
            // Go reads bytes; a stray non-UTF-8 byte must not make the whole file unreadable.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("open " + shownAs + ": no such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new IOException("open " + shownAs + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("open " + shownAs + ": " + e.getMessage(), e);
        }
    }
}
