package io.jnatsd.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"0,0", "2m,120000000000", "10s,10000000000", "1h30m,5400000000000", "1.5s,1500000000",
        "500ms,500000000", "300us,300000", "300\u00b5s,300000", "7ns,7", "-1s,-1000000000", "+2s,2000000000",
        ".5s,500000000", "5.s,5000000000", "1h1m1s1ms,3661001000000", "2562047h47m16.854775807s,9223372036854775807"})
    void parsesGoSyntax(String text, long nanos) throws Exception {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|time: invalid duration \"abc\"", "|time: invalid duration \"\"", "1|time: missing unit in duration \"1\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"", "1.5|time: missing unit in duration \"1.5\"",
        ".s|time: invalid duration \".s\"", "-|time: invalid duration \"-\"",
        "3000000h|time: invalid duration \"3000000h\"", "1s2|time: missing unit in duration \"1s2\""})
    void refusesWithGoWording(String text, String message) {
        String input = text == null ? "" : text;
        assertThatThrownBy(() -> GoDuration.parse(input)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "4000000000,4s", "30000000000,30s", "90000000000,1m30s", "120000000000,2m0s",
        "3600000000000,1h0m0s", "5400500000000,1h30m0.5s", "1500000,1.5ms", "1500,1.5\u00b5s", "12,12ns",
        "-4000000000,-4s"})
    void formatsLikeGo(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}
