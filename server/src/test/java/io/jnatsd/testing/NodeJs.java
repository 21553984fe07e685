package io.jnatsd.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * node and npm for tests that run a JavaScript client: a package under src/test/js is installed once into target/
 * (its node_modules never land in the repository) and its script started as a subprocess. Missing node or npm
 * skips the test with a line on stderr, except under CI=true, where .ci/run installs them and a skip would hide
 * a broken client path.
 */
public final class NodeJs {
    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    private NodeJs() {
    }

    /** Skips (or fails under CI) unless both node and npm are on PATH. */
    public static void assumeAvailable() {
        if (executable("node").isPresent() && executable("npm").isPresent()) {
            return;
        }
        unavailable("node or npm is not installed");
    }

    /**
     * Copies the package in {@code source} (package.json and scripts) to {@code target} and runs npm install there,
     * unless the same package.json was installed before. Returns {@code target}.
     */
    public static Path install(Path source, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target);
        Path installed = target.resolve("package.json");
        boolean current = Files.exists(installed) && Files.exists(target.resolve("node_modules"))
                && Files.mismatch(installed, source.resolve("package.json")) == -1;
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (current) {
            return target;
        }
        Path log = target.resolve("npm-install.log");
        Process p = new ProcessBuilder(executable("npm").orElseThrow().toString(), "install", "--no-audit",
                "--no-fund", "--no-package-lock")
                .directory(target.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            unavailable("npm install did not finish in " + INSTALL_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            Files.deleteIfExists(installed); // install again next time
            unavailable("npm install failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return target;
    }

    /** Starts {@code node script args...} in {@code dir}, stdout and stderr together. */
    public static Process start(Path dir, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable("node").orElseThrow().toString(), script));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + ", but CI=true requires the JavaScript client tests to run");
        }
        System.err.println("SKIPPED JavaScript client test: " + why);
        Assumptions.abort(why);
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
