package io.jnatsd.monitor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the system's Chromium headless, one page load per call, in a fresh profile each time so no cache or state
 * from a previous load (or from a developer's own browser) changes what the page shows.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The first Chromium on the PATH, if any. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new HeadlessChromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Loads {@code url}, lets the page run for {@code budgetMillis} of virtual time (its timers fire, its fetches
     * complete) and returns the DOM as it is then.
     */
    String dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
        return run(url, budgetMillis, List.of("--dump-dom"));
    }

    /** Loads {@code url} like {@link #dumpDom} and saves a PNG of the window. */
    void screenshot(String url, int budgetMillis, Path png) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(url, budgetMillis, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,900",
                "--hide-scrollbars"));
    }

    private String run(String url, int budgetMillis, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jnatsd-chromium");
        Path stderr = Files.createTempFile("jnatsd-chromium", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-quic",
                    "--user-data-dir=" + profile, "--virtual-time-budget=" + budgetMillis));
            cmd.addAll(extra);
            cmd.add(url);
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + "s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + p.exitValue() + ":\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(stderr);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
