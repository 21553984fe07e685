package io.jnatsd.cli.logging;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The log file (-l / log_file) as nats-server keeps it: appended to; reopened on request (SIGUSR1, after
 * logrotate moved it away); and, with a size limit, renamed to {@code <file>.<yyyy.MM.dd.HH.mm.ss.nnnnnnnnn>} once
 * a write takes it past the limit, the new file starting with a line that names the backup. Not thread-safe: the
 * owning {@link LogSink} serialises writes.
 */
final class LogFile {
    private static final DateTimeFormatter BACKUP_SUFFIX = DateTimeFormatter.ofPattern("yyyy.MM.dd.HH.mm.ss.nnnnnnnnn");

    private final Path path;
    private final long limit;
    /** Renders an [INF] line the way every other line is rendered (the rotation notice). */
    private final Function<String, String> infoLine;
    private OutputStream out;
    private long written;

    LogFile(Path path, long limit, Function<String, String> infoLine) throws IOException {
        this.path = path;
        this.limit = limit;
        this.infoLine = infoLine;
        open();
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(new FileOutputStream(path.toFile(), true));
        written = Files.exists(path) ? Files.size(path) : 0;
    }

    void write(byte[] line) throws IOException {
        out.write(line);
        out.flush();
        written += line.length;
        if (limit > 0 && written > limit) {
            rotate();
        }
    }

    /** Closes and opens the file by name again: after logrotate moved it, lines go to a fresh file. */
    void reopen() throws IOException {
        out.close();
        open();
    }

    private void rotate() throws IOException {
        out.close();
        Path backup = path.resolveSibling(path.getFileName() + "." + LocalDateTime.now().format(BACKUP_SUFFIX));
        try {
            Files.move(path, backup, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Moved away by someone else (logrotate): as nats-server, carry on with a fresh file.
        }
        open();
        // Go's %q around the name; a log path has no quotes or control characters in practice. Written without
        // the limit check: a limit smaller than this line must not rotate forever.
        byte[] notice = (infoLine.apply("Rotated log, backup saved as \"" + backup + "\"") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.write(notice);
        out.flush();
        written += notice.length;
    }

    void close() {
        try {
            out.close();
        } catch (IOException e) {
            // Replaced by a new log file on reload; nothing more to do with this one.
        }
    }
}
