package io.jnatsd.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONNECT JSON is read with Go's encoding/json rules, as nats-server reads it. */
class ConnectOptionsTest {
    private static ConnectOptions parse(String json, ConnectOptions current) throws IOException {
        byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8); // offsets must be honoured
        return ConnectOptions.parse(b, 2, b.length - 4, current);
    }

    private static ConnectOptions parse(String json) throws IOException {
        return parse(json, ConnectOptions.beforeConnect());
    }

    @Test
    void readsEveryField() throws IOException {
        ConnectOptions c = parse("{\"verbose\":false,\"pedantic\":false,\"tls_required\":true,\"auth_token\":\"t\","
                + "\"user\":\"u\",\"pass\":\"p\",\"nkey\":\"UK\",\"sig\":\"s\",\"jwt\":\"j\",\"name\":\"n\","
                + "\"lang\":\"java\",\"version\":\"2.24.0\",\"protocol\":1,\"echo\":false,\"headers\":true,"
                + "\"no_responders\":true,\"account\":\"A\",\"new_account\":true}");
        assertThat(c.verbose).isFalse();
        assertThat(c.pedantic).isFalse();
        assertThat(c.tlsRequired).isTrue();
        assertThat(c.authToken).isEqualTo("t");
        assertThat(c.user).isEqualTo("u");
        assertThat(c.pass).isEqualTo("p");
        assertThat(c.nkey).isEqualTo("UK");
        assertThat(c.sig).isEqualTo("s");
        assertThat(c.jwt).isEqualTo("j");
        assertThat(c.name).isEqualTo("n");
        assertThat(c.lang).isEqualTo("java");
        assertThat(c.version).isEqualTo("2.24.0");
        assertThat(c.protocol).isEqualTo(1);
        assertThat(c.echo).isFalse();
        assertThat(c.headers).isTrue();
        assertThat(c.noResponders).isTrue();
        assertThat(c.account).isEqualTo("A");
        assertThat(c.newAccount).isTrue();
    }

    @Test
    void absentAndNullFieldsKeepTheirValues() throws IOException {
        ConnectOptions first = parse("{\"name\":\"a\",\"verbose\":false}");
        ConnectOptions second = parse("{\"pedantic\":null,\"name\":null}", first);
        assertThat(second.name).isEqualTo("a");
        assertThat(second.verbose).isFalse();
        assertThat(second.pedantic).isTrue();
        assertThat(parse("  null ", first)).isNull();
    }

    @Test
    void keysMatchCaseInsensitivelyAndTheLastDuplicateWins() throws IOException {
        ConnectOptions c = parse("{\"VERBOSE\":false,\"Name\":\"x\",\"name\":\"y\"}");
        assertThat(c.verbose).isFalse();
        assertThat(c.name).isEqualTo("y");
    }

    @Test
    void unknownKeysAreSkippedWhateverTheirValue() throws IOException {
        ConnectOptions c = parse("{\"x\":{\"a\":[1,2.5e3,{\"b\":null}],\"c\":\"}\"},\"y\":[],\"z\":-3,\"name\":\"n\"}");
        assertThat(c.name).isEqualTo("n");
    }

    @Test
    void stringEscapesAreDecoded() throws IOException {
        ConnectOptions c = parse("{\"name\":\"a\\\"b\\\\c\\n\\u00e9\\/\"}");
        assertThat(c.name).isEqualTo("a\"b\\c\né/");
        assertThat(parse("{\"name\":\"\u00fcml\"}").name).isEqualTo("\u00fcml");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "{\"verbose\":false} extra", "{}{}", "{\"verbose\":\"false\"}", "{\"verbose\":0}",
        "{\"protocol\":1.0}", "{\"protocol\":\"1\"}", "{\"protocol\":99999999999}", "{\"name\":1}",
        "{\"name\":true}", "{\"verbose\":tru}", "{\"a\" 1}", "{\"a\":1,}", "[1]", "{\"name\":\"\\x\"}",
        "{'name':'x'}", "{\"name\":\"unterminated}"
    })
    void malformedOrMistypedJsonIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IOException.class);
    }
}
