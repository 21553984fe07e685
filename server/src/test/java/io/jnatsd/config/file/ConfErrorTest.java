package io.jnatsd.config.file;

import static io.jnatsd.config.file.Parsing.at;
import static io.jnatsd.config.file.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every syntax error, its position and its reason; the reasons are nats-server 2.9.10's (seen with
 * {@code nats-server -t}) except where noted.
 */
class ConfErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "port 4222 2|1|11|Expected a top-level value to end with a new line, comment or EOF, but got '2' instead.",
        "port: 4222 / c|1|12|Expected a top-level value to end with a new line, comment or EOF, but got '/' instead.",
        "a: x y|1|6|Expected a top-level value to end with a new line, comment or EOF, but got 'y' instead.",
        "a: 5 ]|1|6|Expected a top-level value to end with a new line, comment or EOF, but got ']' instead.",
        "= 4222|1|1|Unexpected key separator '='",
        "port = = 4222|1|10|Expected a top-level value to end with a new line, comment or EOF, but got '4' instead.",
        "a { = 1 }|1|5|Unexpected key separator '='.",
        "a { ] }|1|5|Unexpected array end ']' processing map.",
        "a {user}|1|9|Unexpected EOF processing map key.",
        "a { b: 1|1|9|`Expected a map value terminator \",\" or a map terminator \"}\", but got '' instead.`",
        "a { b: 1 ]|1|10|`Expected a map value terminator \",\" or a map terminator \"}\", but got ']' instead.`",
        "a {b = 1, , c = 2}|1|15|`Expected a map value terminator \",\" or a map terminator \"}\", but got '=' instead.`",
        "a { b: , c: 1 }|1|8|`Unexpected map value terminator \",\".`",
        "a [,]|1|4|Unexpected array value terminator ','.",
        "a [1,,2]|1|6|Unexpected array value terminator ','.",
        "a [x y]|1|6|`Expected an array value terminator \",\" or an array terminator \"]\", but got 'y' instead.`",
        "a [x|1|5|`Expected an array value terminator \",\" or an array terminator \"]\", but got '' instead.`",
        "port: \"4222|1|12|Unexpected EOF.",
        "a: 'abc|1|8|Unexpected EOF.",
        "\"port: 1|1|9|Unexpected EOF.",
        "a: \"x\\qy\"|1|7|`Invalid escape character 'q'. Only the following escape characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.`",
        "a: \"x\\x4\"|1|10|Expected two hexadecimal digits after '\\x', but got '4\"'",
        "`a: \"x\\x4\n\"`|2|1|Expected two hexadecimal digits after '\\x', but hit end of line",
        "a: .5|1|4|Floats must start with a digit",
        "a: -.5|1|5|Floats must start with a digit, not '.'.",
        "a: -x|1|5|Expected a digit but got 'x'.",
        "a: 1.x|1|6|Floats must have a digit after the '.', but got 'x' instead.",
        "a: 1.5x|1|7|Expected a top-level value to end with a new line, comment or EOF, but got 'x' instead.",
        "a: 1k0|1|6|Expected a top-level value to end with a new line, comment or EOF, but got '0' instead.",
        "a: 1-2|1|5|All ISO8601 dates must be in full Zulu form.",
        "a: 2020-1|1|10|Expected digit in ISO8601 datetime, but found '' instead.",
        "a: 2020-01-02X|1|14|Expected 'T' in ISO8601 datetime, but found 'X' instead.",
        "a: 2020-13-02T00:00:00Z|1|4|Expected Zulu formatted DateTime, but got '2020-13-02T00:00:00Z'.",
        "a: 9223372036854775808|1|4|integer '9223372036854775808' is out of the range",
        "a: 8EB|1|4|integer '8EB' is out of the range",
        "a: 1kbb|1|4|Unknown size suffix 'kbb' in '1kbb'",
        "`port: \n4222`|1|7|Expected value but found new line",
        "port|1|5|Expected a value for key 'port' but found end of file",
        "`a: (\nabc)`|1|4|Unexpected EOF: a block string opened with '(' must end with a ')' alone at the start of a line.",
        "include [x]|1|9|Expected include value but found start of an array",
        "include {x}|1|9|Expected include value but found start of a map",
        "include (x)|1|9|Expected include value but found start of a block",
        "include 5|1|9|Expected include value but found start of a number",
        "include -x|1|9|Expected include value but found start of a number",
        "include \\x|1|9|Expected include value but found escape sequence",
        "`include \n`|1|9|Expected include value but found new line",
    })
    void syntaxErrorsNameWhereAndWhat(String text, int line, int column, String reason) {
        ConfSyntaxException e = catchThrowableOfType(() -> parse(text), ConfSyntaxException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.position()).isEqualTo(at(line, column));
        assertThat(e.getMessage()).isEqualTo("t.conf:" + line + ":" + column + ": " + reason);
    }
}
