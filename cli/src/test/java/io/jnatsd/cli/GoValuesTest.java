package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "true", "TRUE", "True"})
    void goTrueSpellings(String s) throws Exception {
        assertThat(GoValues.parseBool(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "false", "FALSE", "False"})
    void goFalseSpellings(String s) throws Exception {
        assertThat(GoValues.parseBool(s)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "no", "tRUE", "2", " true"})
    void otherBooleansAreParseErrors(String s) {
        assertThatThrownBy(() -> GoValues.parseBool(s)).isInstanceOf(GoValues.BadValue.class)
                .hasMessage("parse error");
    }

    @ParameterizedTest
    @CsvSource({
        "4222, 4222", "-1, -1", "+7, 7", "0, 0", "0x10, 16", "0X1f, 31", "-0x10, -16", "010, 8", "0o17, 15",
        "0b101, 5", "1_000, 1000", "0x_ff, 255", "9223372036854775807, 9223372036854775807"
    })
    void goIntegerSyntax(String s, long expected) throws Exception {
        assertThat(GoValues.parseInt(s)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "12x", "08", "0x", "1__0", "_1", "1_", "--1", "+-1", "1.5", " 1", "0x-1"})
    void badIntegersAreParseErrors(String s) {
        assertThatThrownBy(() -> GoValues.parseInt(s)).isInstanceOf(GoValues.BadValue.class)
                .hasMessage("parse error");
    }

    @Test
    void integersBeyondInt64AreOutOfRange() {
        assertThatThrownBy(() -> GoValues.parseInt("9223372036854775808"))
                .isInstanceOf(GoValues.BadValue.class).hasMessage("value out of range");
    }
}
