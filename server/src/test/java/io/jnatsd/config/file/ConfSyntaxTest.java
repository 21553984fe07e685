package io.jnatsd.config.file;

import static io.jnatsd.config.file.Parsing.at;
import static io.jnatsd.config.file.Parsing.parse;
import static io.jnatsd.config.file.Parsing.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every syntax form of the format, and the positions it keeps. */
class ConfSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"port = 4222", "port: 4222", "port 4222", "port=4222", "port:4222", "port\t4222",
        "  port   =   4222  ", "port = 4222;", "port = 4222,", "\"port\": 4222", "'port' = 4222", "port\n4222",
        "{ port: 4222 }", "port: 4222 # comment", "port: 4222 // comment", "# c\n// c\nport: 4222\n# end"})
    void everyKeyValueFormGivesTheSameEntry(String text) {
        assertThat(value(text, "port")).isInstanceOf(ConfInteger.class)
                .extracting(v -> ((ConfInteger) v).value()).isEqualTo(4222L);
    }

    @Test
    void entriesAreSeparatedByNewlinesSemicolonsOrCommas() {
        ConfMap m = parse("a: 1; b: 2, c: 3\nd: 4\r\ne: 5");
        assertThat(m.entries()).extracting(ConfEntry::key).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void positionsAreOneBasedLineAndColumnOfKeyAndValue() {
        ConfMap m = parse("a: 1\n  bb = \"x\"\n");
        ConfEntry bb = m.entry("bb").orElseThrow();
        assertThat(bb.keyPosition()).isEqualTo(at(2, 3));
        assertThat(bb.value().position()).isEqualTo(at(2, 8));
        assertThat(m.entry("a").orElseThrow().keyPosition()).isEqualTo(at(1, 1));
        assertThat(bb.keyPosition().toString()).isEqualTo("t.conf:2:3");
    }

    @Test
    void mapsNestWithAnySeparatorAndTrailingOnes() {
        ConfMap m = parse("auth {\n  user = a\n  inner: { x: 1, y: [2, 3], },\n  z: 'q';\n}\n");
        ConfMap auth = (ConfMap) m.entry("auth").orElseThrow().value();
        assertThat(auth.entries()).extracting(ConfEntry::key).containsExactly("user", "inner", "z");
        ConfMap inner = (ConfMap) auth.entry("inner").orElseThrow().value();
        assertThat(((ConfInteger) inner.entry("x").orElseThrow().value()).value()).isEqualTo(1);
        assertThat(auth.position()).isEqualTo(at(1, 6));
        assertThat(inner.entry("y").orElseThrow().keyPosition()).isEqualTo(at(3, 18));
    }

    @Test
    void aMapMayOpenOnTheNextLineAndAValueInAMapMayFollowOnTheNextLine() {
        ConfMap auth = (ConfMap) value("authorization\n{\n user:\n   a\n}", "authorization");
        assertThat(((ConfString) auth.entry("user").orElseThrow().value()).value()).isEqualTo("a");
    }

    @Test
    void emptyMapsAndArrays() {
        assertThat(((ConfMap) value("a {}", "a")).entries()).isEmpty();
        assertThat(((ConfMap) value("a {\n}", "a")).entries()).isEmpty();
        assertThat(((ConfArray) value("a []", "a")).elements()).isEmpty();
        assertThat(((ConfArray) value("a [\n\n]", "a")).elements()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: [x, y, z]", "a: [x, y, z,]", "a: [\n x\n y\n z\n]", "a: [x,\n y, # c\n z // c\n]",
        "a: [\"x\", 'y', z]"})
    void arrayElementsAreSeparatedByCommasOrNewlines(String text) {
        assertThat(((ConfArray) value(text, "a")).elements()).extracting(v -> ((ConfString) v).value())
                .containsExactly("x", "y", "z");
    }

    @Test
    void arraysNestAndMixTypes() {
        ConfArray a = (ConfArray) value("a: [[1, 2], {k: v}, true, 1.5, -3]", "a");
        assertThat(a.elements()).hasSize(5);
        assertThat(((ConfArray) a.elements().get(0)).elements()).extracting(v -> ((ConfInteger) v).value())
                .containsExactly(1L, 2L);
        assertThat(a.elements().get(1)).isInstanceOf(ConfMap.class);
        assertThat(a.elements().get(2)).isEqualTo(new ConfBool(true, at(1, 21)));
        assertThat(((ConfFloat) a.elements().get(3)).value()).isEqualTo(1.5);
        assertThat(((ConfInteger) a.elements().get(4)).value()).isEqualTo(-3);
    }

    @Test
    void numbersRightBeforeTheClosingBracketAreNumbers() {
        // nats-server 2.9.10 fails on "[a, 2]"; jnatsd reads it as meant.
        assertThat(((ConfArray) value("a: [a, 2]", "a")).elements().get(1)).isInstanceOf(ConfInteger.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"plain\"|plain", "'single'|single", "unquoted|unquoted", "\"tab\\there\"|tab\there",
        "\"q\\\"x\"|q\"x", "\"bs\\\\x\"|bs\\x", "\"hex\\x41\\x62\"|hexAb",
        "'raw\\t'|raw\\t", "un\\tq|un\tq", "a=b:c{d|a=b:c{d", "a\"b|a\"b", "'C:\\path'|C:\\path",
        "\"\"|EMPTY", "\"with # hash\"|with # hash", "nats://h:4222|nats://h:4222", "a#b|a#b"})
    void stringForms(String written, String expected) {
        String want = expected.equals("EMPTY") ? "" : expected;
        assertThat(value("s: " + written, "s")).isEqualTo(new ConfString(want, at(1, 4)));
    }

    @Test
    void doubleQuotedStringsMaySpanLines() {
        assertThat(((ConfString) value("s: \"a\nb\"", "s")).value()).isEqualTo("a\nb");
        assertThat(((ConfString) value("s: \"cr\\rx\"", "s")).value()).isEqualTo("cr\rx");
        assertThat(((ConfString) value("s: \"nl\\nx\"", "s")).value()).isEqualTo("nl\nx");
    }

    @Test
    void anUnquotedWordEndsAtASingleQuoteOrABracket() {
        assertThat(((ConfString) value("s: a'", "s")).value()).isEqualTo("a");
        assertThat(((ConfArray) value("s: [a]", "s")).elements()).containsExactly(new ConfString("a", at(1, 5)));
        assertThat(((ConfMap) value("s: {k: a}", "s")).entry("k").orElseThrow().value())
                .isEqualTo(new ConfString("a", at(1, 8)));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "Yes,true", "on,true", "ON,true", "false,false",
        "False,false", "no,false", "NO,false", "off,false", "oFF,false"})
    void booleanWordsInAnyCase(String word, boolean expected) {
        assertThat(value("b: " + word, "b")).isEqualTo(new ConfBool(expected, at(1, 4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "'yes'", "tru\\x65"})
    void quotedOrEscapedBooleanWordsAreStrings(String written) {
        assertThat(value("b: " + written, "b")).isInstanceOf(ConfString.class);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "4222,4222", "-1,-1", "010,10", "9223372036854775807,9223372036854775807",
        "-9223372036854775808,-9223372036854775808"})
    void integers(String written, long expected) {
        assertThat(value("n: " + written, "n")).isEqualTo(new ConfInteger(expected, written, at(1, 4)));
    }

    /** Values checked against nats-server 2.9.10 (max_pending shown by /varz). */
    @ParameterizedTest
    @CsvSource({"1k,1000", "1K,1000", "1kb,1024", "1KB,1024", "1Kb,1024", "1ki,1024", "1KiB,1024",
        "1m,1000000", "1mb,1048576", "1MiB,1048576", "2g,2000000000", "1gb,1073741824", "1t,1000000000000",
        "1tb,1099511627776", "1ti,1099511627776", "1p,1000000000000000", "1pb,1125899906842624",
        "1e,1000000000000000000", "1eb,1152921504606846976", "-5k,-5000", "64MB,67108864"})
    void sizeSuffixes(String written, long expected) {
        assertThat(((ConfInteger) value("n: " + written, "n")).value()).isEqualTo(expected);
        assertThat(((ConfInteger) value("n: " + written, "n")).text()).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource({"1.5,1.5", "0.25,0.25", "-2.5,-2.5", "10.0,10.0"})
    void floats(String written, double expected) {
        assertThat(((ConfFloat) value("f: " + written, "f")).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:4222", "10.0.0.1-5", "4222abc", "1x2", "1:2", "1kx", "1kbx",
        "1b", "0x10", "1_000"})
    void wordsThatStartWithDigitsAreStrings(String written) {
        assertThat(value("s: " + written, "s")).isEqualTo(new ConfString(written, at(1, 4)));
    }

    @Test
    void zuluDatetimes() {
        assertThat(value("d: 2023-01-02T15:04:05Z", "d"))
                .isEqualTo(new ConfDateTime(Instant.parse("2023-01-02T15:04:05Z"), at(1, 4)));
    }

    @Test
    void blockStringsRunToACloseParenAloneAtTheStartOfALine() {
        assertThat(((ConfString) value("b: (\nline one\n  line two\n)\nport: 1", "b")).value())
                .isEqualTo("\nline one\n  line two\n");
        assertThat(((ConfString) value("b: (abc\n)", "b")).value()).isEqualTo("abc\n");
        assertThat(((ConfString) value("b: (\nx)\n  )\ny\n)", "b")).value()).isEqualTo("\nx)\n  )\ny\n");
        assertThat(parse("b: (\nx\n)\nport: 1").entry("port")).isPresent();
    }

    @Test
    void aKeyDefinedTwiceKeepsTheLastValueInTheLastPlace() {
        ConfMap m = parse("a: 1\nb: 2\na: 3");
        assertThat(m.entries()).extracting(ConfEntry::key).containsExactly("b", "a");
        assertThat(((ConfInteger) m.entry("a").orElseThrow().value()).value()).isEqualTo(3);
    }

    @Test
    void keysKeepTheirCaseAndCanBeFoundIgnoringIt() {
        ConfMap m = parse("Max_Payload: 1\nport: 2");
        assertThat(m.entry("max_payload")).isEmpty();
        assertThat(m.entryIgnoringCase("max_payload")).isPresent();
        assertThat(m.entryIgnoringCase("PORT").orElseThrow().key()).isEqualTo("port");
    }

    @Test
    void aValueAtTheEndOfTheFileAfterASeparatorIsEmpty() {
        assertThat(value("server_name:", "server_name")).isEqualTo(new ConfString("", at(1, 13)));
    }

    @Test
    void emptyAndCommentOnlyTextsGiveEmptyMaps() {
        assertThat(parse("").entries()).isEmpty();
        assertThat(parse("\n\n  # nothing\n// here\n").entries()).isEmpty();
        assertThat(parse("\uFEFFport: 1").entry("port")).isPresent();
    }

    @Test
    void goTypeNamesMatchNatsServerMessages() {
        ConfMap m = parse("s: x\ni: 1\nf: 1.5\nb: true\nd: 2023-01-02T15:04:05Z\na: []\nm: {}");
        assertThat(m.entries()).extracting(e -> e.value().goTypeName()).isEqualTo(List.of("string", "int64",
                "float64", "bool", "time.Time", "[]interface {}", "map[string]interface {}"));
    }
}
