package io.jnatsd.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    private static List<Path> backups(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("n.log.")).toList();
        }
    }

    @Test
    void passingTheSizeLimitRenamesTheFileAsideAndStartsANewOneNamingTheBackup(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("n.log");
        LogSink sink = LogSink.appendingTo(log, 1000);
        sink.writeLine("x".repeat(600));
        assertThat(backups(dir)).isEmpty();
        sink.writeLine("y".repeat(600)); // 1202 bytes now: past the limit

        List<Path> backups = backups(dir);
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).getFileName().toString()).matches("n\\.log\\.\\d{4}(\\.\\d{2}){5}\\.\\d{9}");
        assertThat(Files.readAllLines(backups.get(0))).containsExactly("x".repeat(600), "y".repeat(600));
        assertThat(Files.readAllLines(log)).singleElement().asString()
                .endsWith("[INF] Rotated log, backup saved as \"" + backups.get(0) + "\"");
        sink.writeLine("z");
        assertThat(Files.readAllLines(log)).hasSize(2).last().isEqualTo("z");
        sink.close();
    }

    @Test
    void withoutALimitTheFileOnlyGrows(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("n.log");
        LogSink sink = LogSink.appendingTo(log);
        for (int i = 0; i < 100; i++) {
            sink.writeLine("line " + i);
        }
        sink.close();
        assertThat(backups(dir)).isEmpty();
        assertThat(Files.readAllLines(log)).hasSize(100);
    }

    @Test
    void reopenStartsAFreshFileAfterTheOldOneWasMovedAway(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("n.log");
        LogSink sink = LogSink.appendingTo(log);
        sink.writeLine("before");
        Path moved = dir.resolve("moved.log");
        Files.move(log, moved);
        sink.writeLine("still to the moved file");

        assertThat(sink.reopen()).isTrue();
        sink.writeLine("after");
        sink.close();
        assertThat(Files.readAllLines(moved)).containsExactly("before", "still to the moved file");
        assertThat(Files.readAllLines(log)).containsExactly("after");
    }

    @Test
    void standardErrorCannotBeReopened() throws Exception {
        assertThat(LogSink.stderr().reopen()).isFalse();
        assertThat(LogSink.stderr().isFile()).isFalse();
    }
}
