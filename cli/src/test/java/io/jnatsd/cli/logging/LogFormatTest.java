package io.jnatsd.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LogFormatTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private final LogFormat format = new LogFormat(4711, ZONE);

    @ParameterizedTest
    @CsvSource({"FATAL, FTL", "ERROR, ERR", "WARN, WRN", "INFO, INF", "DEBUG, DBG", "TRACE, TRC"})
    void levelTagsAreNatsServers(NatsLevel level, String tag) {
        String line = format.render(Instant.now(), level, "hello world", true);
        assertThat(line).matches("\\[4711\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\[" + tag
                + "\\] hello world");
    }

    @ParameterizedTest
    @EnumSource(NatsLevel.class)
    void withoutLogtimeThereIsNoTimestamp(NatsLevel level) {
        String line = format.render(Instant.now(), level, "msg", false);
        assertThat(line).matches("\\[4711\\] \\[(FTL|ERR|WRN|INF|DBG|TRC)\\] msg");
        assertThat(line).isEqualTo("[4711] " + level.tag() + " msg");
    }

    @Test
    void timestampIsLocalTimeWithMicroseconds() {
        Instant instant = LocalDateTime.of(2026, 11, 21, 23, 33, 1, 237_611_999).atZone(ZONE).toInstant();
        assertThat(format.render(instant, NatsLevel.INFO, "Server is ready", true))
                .isEqualTo("[4711] 2026/11/21 23:33:01.237611 [INF] Server is ready");
    }

    @Test
    void microsecondsAreZeroPadded() {
        Instant instant = LocalDateTime.of(2026, 1, 2, 3, 4, 5, 7_000).toInstant(ZoneOffset.UTC);
        assertThat(new LogFormat(1, ZoneOffset.UTC).render(instant, NatsLevel.WARN, "x", true))
                .isEqualTo("[1] 2026/01/02 03:04:05.000007 [WRN] x");
    }

    @Test
    void theCachedSecondIsRefreshedWhenTheSecondChanges() {
        LogFormat utc = new LogFormat(1, ZoneOffset.UTC);
        Instant first = LocalDateTime.of(2026, 1, 2, 3, 4, 59, 999_999_000).toInstant(ZoneOffset.UTC);
        assertThat(utc.render(first, NatsLevel.INFO, "a", true)).isEqualTo("[1] 2026/01/02 03:04:59.999999 [INF] a");
        assertThat(utc.render(first.plusNanos(1_000), NatsLevel.INFO, "b", true))
                .isEqualTo("[1] 2026/01/02 03:05:00.000000 [INF] b");
    }
}
