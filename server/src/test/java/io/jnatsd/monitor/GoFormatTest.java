package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The text forms nats-server's JSON uses, checked against values copied from nats-server 2.9.10 output. */
class GoFormatTest {
    private static final long S = 1_000_000_000L;
    /** 2026-11-22T00:15:33Z */
    private static final long T = 1_795_306_533L * S;

    @Test
    void timesAreRfc3339NanoWithTrailingZerosTrimmed() {
        assertThat(GoFormat.time(T + 525_700_273, ZoneOffset.UTC)).isEqualTo("2026-11-22T00:15:33.525700273Z");
        assertThat(GoFormat.time(T + 708_481_000, ZoneOffset.UTC)).isEqualTo("2026-11-22T00:15:33.708481Z");
        assertThat(GoFormat.time(T, ZoneOffset.UTC)).isEqualTo("2026-11-22T00:15:33Z");
        assertThat(GoFormat.time(T + 500_000_000, ZoneId.of("Europe/Paris")))
                .isEqualTo("2026-11-22T01:15:33.5+01:00");
        assertThat(GoFormat.time(T, ZoneId.of("America/St_Johns"))).isEqualTo("2026-11-21T20:45:33-03:30");
    }

    @Test
    void uptimeIsWholeSecondsInTheUnitsPresent() {
        assertThat(GoFormat.uptime(0)).isEqualTo("0s");
        assertThat(GoFormat.uptime(999_999_999)).isEqualTo("0s");
        assertThat(GoFormat.uptime(59 * S)).isEqualTo("59s");
        assertThat(GoFormat.uptime(62 * S)).isEqualTo("1m2s");
        assertThat(GoFormat.uptime(3600 * S)).isEqualTo("1h0m0s");
        assertThat(GoFormat.uptime((86_400 + 61) * S)).isEqualTo("1d0h1m1s");
        assertThat(GoFormat.uptime((366 * 86_400L + 3 * 3600) * S)).isEqualTo("1y1d3h0m0s");
        assertThat(GoFormat.uptime(-5 * S)).as("clock skew never shows as negative").isEqualTo("0s");
    }

    @Test
    void durationsFollowGoDurationString() {
        assertThat(GoFormat.duration(0)).isEqualTo("0s");
        assertThat(GoFormat.duration(999)).isEqualTo("999ns");
        assertThat(GoFormat.duration(1_500)).isEqualTo("1.5µs");
        assertThat(GoFormat.duration(471_000)).isEqualTo("471µs");
        assertThat(GoFormat.duration(1_994_109)).isEqualTo("1.994109ms");
        assertThat(GoFormat.duration(1_000_000)).isEqualTo("1ms");
        assertThat(GoFormat.duration(1_500_000_000)).isEqualTo("1.5s");
        assertThat(GoFormat.duration(62_500_000_000L)).isEqualTo("1m2.5s");
        assertThat(GoFormat.duration(3600 * S)).isEqualTo("1h0m0s");
        assertThat(GoFormat.duration(-1_500)).isEqualTo("-1.5µs");
    }

    @Test
    void roundTripsBelowAMillisecondShowWholeMicroseconds() {
        assertThat(GoFormat.duration(ConnInfoJson.rttForDisplay(471_318))).isEqualTo("471µs");
        assertThat(GoFormat.duration(ConnInfoJson.rttForDisplay(1_994_109))).isEqualTo("1.994109ms");
        assertThat(GoFormat.duration(ConnInfoJson.rttForDisplay(900))).isEqualTo("900ns");
    }

    @Test
    void floatsAreWrittenAsGoWritesFloat64() {
        assertThat(render(1.0)).isEqualTo("1");
        assertThat(render(0.0)).isEqualTo("0");
        assertThat(render(0.2857142857142857)).isEqualTo("0.2857142857142857");
        assertThat(render(78.49)).isEqualTo("78.49");
        assertThat(render(0.00001)).isEqualTo("0.00001");
        assertThat(render(2.5e-7)).isEqualTo("2.5E-7");
    }

    private static String render(double v) {
        ObjectNode o = JsonOut.object();
        JsonOut.putFloat(o, "v", v);
        String s = new String(JsonOut.compact(o), java.nio.charset.StandardCharsets.UTF_8);
        return s.substring("{\"v\":".length(), s.length() - 1);
    }
}
