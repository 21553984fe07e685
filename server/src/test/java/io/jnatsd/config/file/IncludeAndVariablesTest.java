package io.jnatsd.config.file;

import static io.jnatsd.config.file.Parsing.at;
import static io.jnatsd.config.file.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code include} and {@code $VARIABLE}s: scoping, the environment, and their errors. */
class IncludeAndVariablesTest {
    @TempDir
    Path dir;

    private ConfMap parseFile(String name, Map<String, String> environment) {
        return new ConfigFileParser(environment::get).parseFile(dir.resolve(name));
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static long integer(ConfMap m, String key) {
        return ((ConfInteger) m.entry(key).orElseThrow().value()).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"include sub/inc.conf", "include \"sub/inc.conf\"", "include 'sub/inc.conf'",
        "INCLUDE sub/inc.conf", "include   sub/inc.conf   # why", "include sub/inc.conf; port: 1"})
    void includedEntriesJoinTheIncludingMap(String directive) throws IOException {
        write("sub/inc.conf", "max_payload: 2KB\n");
        write("main.conf", "a: 1\n" + directive + "\nb: 2\n");
        ConfMap m = parseFile("main.conf", Map.of());
        assertThat(integer(m, "max_payload")).isEqualTo(2048);
        assertThat(integer(m, "a")).isEqualTo(1);
        assertThat(m.entry("max_payload").orElseThrow().keyPosition())
                .isEqualTo(new SourcePosition(dir.resolve("sub/inc.conf").toString(), 1, 1));
    }

    @Test
    void includesArePathsRelativeToTheIncludingFileAndNest() throws IOException {
        write("conf/main.conf", "include auth/users.conf\n");
        write("conf/auth/users.conf", "include ../limits.conf\nuser: u\n");
        write("conf/limits.conf", "ping_max: 5\n");
        ConfMap m = parseFile("conf/main.conf", Map.of());
        assertThat(integer(m, "ping_max")).isEqualTo(5);
        assertThat(m.entry("user")).isPresent();
    }

    @Test
    void anIncludeInsideAMapFillsThatMap() throws IOException {
        write("users.conf", "user: a\npassword: b\n");
        write("main.conf", "authorization {\n  include users.conf\n  timeout: 1\n}\n");
        ConfMap auth = (ConfMap) parseFile("main.conf", Map.of()).entry("authorization").orElseThrow().value();
        assertThat(auth.entries()).extracting(ConfEntry::key).containsExactly("user", "password", "timeout");
    }

    @Test
    void anAbsoluteIncludePathIsUsedAsIs() throws IOException {
        // nats-server 2.9.10 joins it to the including directory and fails; jnatsd reads the file named.
        write("abs.conf", "port: 7\n");
        write("sub/main.conf", "include " + dir.resolve("abs.conf") + "\n");
        assertThat(integer(parseFile("sub/main.conf", Map.of()), "port")).isEqualTo(7);
    }

    @Test
    void laterKeysOverrideIncludedOnesAndTheOtherWayRound() throws IOException {
        write("inc.conf", "port: 2\n");
        write("main.conf", "port: 1\ninclude inc.conf\nmax_payload: 1\n");
        assertThat(integer(parseFile("main.conf", Map.of()), "port")).isEqualTo(2);
        write("main2.conf", "include inc.conf\nport: 3\n");
        assertThat(integer(parseFile("main2.conf", Map.of()), "port")).isEqualTo(3);
    }

    @Test
    void aMissingIncludeIsAnErrorAtTheDirective() throws IOException {
        write("main.conf", "port: 1\ninclude nope.conf\n");
        assertThatThrownBy(() -> parseFile("main.conf", Map.of())).isInstanceOf(ConfSyntaxException.class)
                .hasMessage(dir.resolve("main.conf") + ":2:9: error parsing include file 'nope.conf', open "
                        + dir.resolve("nope.conf") + ": no such file or directory");
    }

    @Test
    void aSyntaxErrorInAnIncludedFileNamesThatFile() throws IOException {
        write("bad.conf", "\nport: 1 2\n");
        write("main.conf", "include bad.conf\n");
        assertThatThrownBy(() -> parseFile("main.conf", Map.of())).isInstanceOf(ConfSyntaxException.class)
                .hasMessage(dir.resolve("bad.conf") + ":2:9: Expected a top-level value to end with a new line, "
                        + "comment or EOF, but got '2' instead.");
    }

    @Test
    void includeCyclesAreErrorsNotEndlessRecursion() throws IOException {
        write("a.conf", "include b.conf\n");
        write("b.conf", "include a.conf\n");
        assertThatThrownBy(() -> parseFile("a.conf", Map.of())).isInstanceOf(ConfSyntaxException.class)
                .hasMessageContaining("error parsing include file 'a.conf', include cycle");
    }

    @Test
    void aMissingOrUnreadableFileIsWordedLikeGo() {
        assertThatThrownBy(() -> parseFile("none.conf", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("open " + dir.resolve("none.conf") + ": no such file or directory");
        assertThatThrownBy(() -> new ConfigFileParser(n -> null).parseFile(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("read " + dir + ": is a directory");
    }

    @Test
    void variablesReferToEarlierKeysOfTheFileAtAnyEnclosingLevel() {
        ConfMap m = parse("SIZE = 2KB\nmax_payload: $SIZE\nauth {\n  U = bob\n  inner { user: $U, size: $SIZE }\n"
                + "  list: [$U, {x: $U}]\n}\n");
        assertThat(integer(m, "max_payload")).isEqualTo(2048);
        ConfMap auth = (ConfMap) m.entry("auth").orElseThrow().value();
        ConfMap inner = (ConfMap) auth.entry("inner").orElseThrow().value();
        assertThat(inner.entry("user").orElseThrow().value()).isEqualTo(new ConfString("bob", at(5, 17)));
        assertThat(((ConfInteger) inner.entry("size").orElseThrow().value()).value()).isEqualTo(2048);
        ConfArray list = (ConfArray) auth.entry("list").orElseThrow().value();
        assertThat(list.elements().get(0)).isEqualTo(new ConfString("bob", at(6, 10)));
    }

    @Test
    void aKeyUsedAsAVariableIsMarkedSoAndOthersAreNot() {
        ConfMap m = parse("X = 1\nY = 2\nport: $X");
        assertThat(m.entry("X").orElseThrow().referenced()).isTrue();
        assertThat(m.entry("Y").orElseThrow().referenced()).isFalse();
        assertThat(m.entry("port").orElseThrow().referenced()).isFalse();
    }

    @Test
    void variablesAreCaseSensitiveAndMustBeDefinedBeforeUse() {
        assertThatThrownBy(() -> parse("x: 1\nport: $X")).isInstanceOf(ConfSyntaxException.class)
                .hasMessage("t.conf:2:7: variable reference for 'X' on line 2 can not be found");
        assertThatThrownBy(() -> parse("a { b: $X }\nX: 1")).isInstanceOf(ConfSyntaxException.class)
                .hasMessage("t.conf:1:8: variable reference for 'X' on line 1 can not be found");
    }

    @Test
    void aQuotedDollarIsNotAVariableAndBcryptHashesAreNeither() {
        assertThat(parse("s: \"$X\"").entry("s").orElseThrow().value()).isEqualTo(new ConfString("$X", at(1, 4)));
        assertThat(parse("p: $2a$11$abcdefg").entry("p").orElseThrow().value())
                .isEqualTo(new ConfString("$2a$11$abcdefg", at(1, 4)));
    }

    @Test
    void undefinedVariablesComeFromTheEnvironmentParsedAsValues() {
        ConfMap m = parse("a: $SIZE\nb: $NAME\nc: $LIST\nd: $QUOTED\ne: $EMPTY\nf: $FLAG",
                Map.of("SIZE", "2KB", "NAME", "srv", "LIST", "[x, y]", "QUOTED", "\"a b\"", "EMPTY", "",
                        "FLAG", "true"));
        assertThat(integer(m, "a")).isEqualTo(2048);
        assertThat(m.entry("b").orElseThrow().value()).isEqualTo(new ConfString("srv", at(2, 4)));
        assertThat(((ConfArray) m.entry("c").orElseThrow().value()).elements()).hasSize(2);
        assertThat(((ConfString) m.entry("d").orElseThrow().value()).value()).isEqualTo("a b");
        assertThat(((ConfString) m.entry("e").orElseThrow().value()).value()).isEmpty();
        assertThat(m.entry("f").orElseThrow().value()).isEqualTo(new ConfBool(true, at(6, 4)));
    }

    @Test
    void aFileDefinitionWinsOverTheEnvironment() {
        assertThat(integer(parse("X = 5\na: $X", Map.of("X", "7")), "a")).isEqualTo(5);
    }

    @Test
    void anEnvironmentValueMayReferToAnotherButNotToItself() {
        assertThat(integer(parse("a: $A", Map.of("A", "$B", "B", "3")), "a")).isEqualTo(3);
        assertThatThrownBy(() -> parse("a: $A", Map.of("A", "$A"))).isInstanceOf(ConfSyntaxException.class)
                .hasMessageContaining("variable reference for 'A' on line 1 could not be parsed: ")
                .hasMessageContaining("refers back to itself");
    }

    @Test
    void anEnvironmentValueThatDoesNotParseIsAnError() {
        assertThatThrownBy(() -> parse("\na: $A", Map.of("A", "x y"))).isInstanceOf(ConfSyntaxException.class)
                .hasMessage("t.conf:2:4: variable reference for 'A' on line 2 could not be parsed: Expected a "
                        + "top-level value to end with a new line, comment or EOF, but got 'y' instead.");
    }

    @Test
    void includedFilesDoNotSeeTheIncludingFilesVariablesButItSeesTheirs() throws IOException {
        write("uses.conf", "max_payload: $MP\n");
        write("main.conf", "MP = 1000\ninclude uses.conf\n");
        assertThatThrownBy(() -> parseFile("main.conf", Map.of())).isInstanceOf(ConfSyntaxException.class)
                .hasMessageContaining("variable reference for 'MP' on line 1 can not be found");
        write("defines.conf", "MP = 1000\n");
        write("main2.conf", "include defines.conf\nmax_payload: $MP\n");
        assertThat(integer(parseFile("main2.conf", Map.of()), "max_payload")).isEqualTo(1000);
    }
}
