package io.jnatsd.subject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** nats-server's subject rules (spec section 6): subscription subjects, publish (literal) subjects. */
class SubjectValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "foo", "foo.bar", "a.b.c.d.e.f.g", "FOO.Bar", "_INBOX.abc123", "$SYS.REQ.SERVER.PING", "a-b_c.d~e",
        "1.2.3", "foo.bar.baz12345678901234567890", "x",
        // '*' and '>' inside a longer token are literal characters
        "fo*o", "foo.b>r", "*foo", "foo*", ">foo", "foo>", "a.**.b", "a.>>", "a.*>",
        // UTF-8
        "föö.bär", "日本.語", "emoji.\uD83D\uDE00",
        // other punctuation is fine
        "a/b.c:d.e|f", "a,b", "'quoted'", "\"dq\"",
    })
    void validLiteralSubjects(String s) {
        assertThat(SubjectValidator.isValidSubject(s)).as(s).isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(s)).as(s).isTrue();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertThat(SubjectValidator.isLiteral(b, 0, b.length)).as(s).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "*", ">", "foo.*", "foo.>", "*.bar", "*.*", "*.>", "foo.*.bar", "foo.*.>", "a.b.c.>", "*.*.*.>",
        "日本.*", "föö.>",
    })
    void validWildcardSubjectsAreNotLiteral(String s) {
        assertThat(SubjectValidator.isValidSubject(s)).as(s).isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(s)).as(s).isFalse();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertThat(SubjectValidator.isLiteral(b, 0, b.length)).as(s).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ".", "..", "foo.", ".foo", "foo..bar", "a.b..", "..a",
        // '>' must be the last token
        ">.foo", "foo.>.bar", "a.>.*", ">.>", "a.>.",
        // whitespace anywhere
        " ", "foo bar", " foo", "foo ", "foo.\tbar", "foo\r", "foo\n.bar", "a.\f", "a. .b", "\t",
        "foo. bar", "foo.bar ", "*. ", "> ",
    })
    void invalidSubjects(String s) {
        assertThat(SubjectValidator.isValidSubject(s)).as("[%s]", s).isFalse();
        assertThat(SubjectValidator.isValidLiteralSubject(s)).as("[%s]", s).isFalse();
    }

    @Test
    void rangesAreRespected() {
        byte[] b = "xx foo.bar yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(SubjectValidator.isValidSubject(b, 3, 7)).isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(b, 3, 7)).isTrue();
        assertThat(SubjectValidator.isValidSubject(b, 2, 8)).as("includes the blank before").isFalse();
        assertThat(SubjectValidator.isValidSubject(b, 3, 8)).as("includes the blank after").isFalse();
        assertThat(SubjectValidator.isValidSubject(b, 3, 4)).as("trailing dot").isFalse();
        assertThat(SubjectValidator.isValidSubject(b, 3, 0)).as("empty").isFalse();

        byte[] w = "..a.*..>..".getBytes(StandardCharsets.US_ASCII);
        assertThat(SubjectValidator.isValidSubject(w, 2, 3)).as("a.*").isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(w, 2, 3)).as("a.*").isFalse();
        assertThat(SubjectValidator.isValidSubject(w, 2, 1)).as("a").isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(w, 2, 1)).as("a").isTrue();
        assertThat(SubjectValidator.isValidSubject(w, 7, 1)).as(">").isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(w, 7, 1)).as(">").isFalse();
        assertThat(SubjectValidator.isLiteral(w, 2, 1)).as("a").isTrue();
        assertThat(SubjectValidator.isLiteral(w, 4, 1)).as("*").isFalse();

        // A wildcard just outside the range must not count.
        byte[] x = "a.b.>".getBytes(StandardCharsets.US_ASCII);
        assertThat(SubjectValidator.isValidLiteralSubject(x, 0, 3)).as("a.b").isTrue();
    }

    @Test
    void wildcardCharsInsideTokensAreLiteral() {
        byte[] b = "a*.b>.*c.>d".getBytes(StandardCharsets.US_ASCII);
        assertThat(SubjectValidator.isLiteral(b, 0, b.length)).isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject(b, 0, b.length)).isTrue();
    }

    @Test
    void multiByteUtf8NeverLooksLikeADotOrBlank() {
        // U+2E2E (reversed question mark) and U+3000 (ideographic space) hold no ASCII '.' or ' ' bytes in UTF-8.
        assertThat(SubjectValidator.isValidLiteralSubject("a\u2E2Eb.c\u3000d")).isTrue();
        // Every byte of a multi-byte character is >= 0x80: no byte of "é" may be taken for a separator.
        assertThat(SubjectValidator.isValidLiteralSubject("é")).isTrue();
        assertThat(SubjectValidator.isValidLiteralSubject("é.é")).isTrue();
    }
}
