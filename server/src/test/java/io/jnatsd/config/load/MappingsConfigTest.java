package io.jnatsd.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.subject.transform.MapDestination;
import io.jnatsd.subject.transform.SubjectMapping;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mappings} / {@code maps} at the top level: every form, and every error with nats-server 2.9.10's wording
 * (each case was run through {@code nats-server -t}; where its position differs the comment says so).
 */
class MappingsConfigTest {

    private static List<String> problems(String text) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void everyDestinationForm() {
        ServerOptions o = Loading.options("""
                mappings {
                  "a.*": "b.$1"
                  c: {destination: d, weight: 100%}
                  e: {dest: f, weight: 40}
                  g: [{destination: h, weight: "30%"}, {destination: i, weight: "70"}]
                  j: [{destination: k, weight: 50%, cluster: c1}, {destination: l, weight: 50%}]
                }
                """);
        List<SubjectMapping> m = o.mappings();
        assertThat(m).extracting(SubjectMapping::source).containsExactly("a.*", "c", "e", "g", "j");
        assertThat(m.get(0).destinations()).containsExactly(new MapDestination("b.$1", 100));
        assertThat(m.get(1).destinations()).containsExactly(new MapDestination("d", 100));
        assertThat(m.get(2).destinations()).containsExactly(new MapDestination("f", 40));
        assertThat(m.get(3).destinations()).containsExactly(new MapDestination("h", 30), new MapDestination("i", 70));
        assertThat(m.get(4).destinations()).containsExactly(new MapDestination("k", 50, "c1"),
                new MapDestination("l", 50));
        assertThat(m.get(0).map("a.x")).isEqualTo("b.x");
        assertThat(m.get(1).map("c")).isEqualTo("d");
        assertThat(o.configBlocks()).containsKey("mappings");
    }

    @Test
    void mapsIsAnAliasAndEmptyMeansNone() {
        assertThat(Loading.options("maps { x: y }").mappings()).extracting(SubjectMapping::source)
                .containsExactly("x");
        assertThat(Loading.options("mappings {}").mappings()).isEmpty();
        assertThat(Loading.options("port: 4222").mappings()).isEmpty();
    }

    @Test
    void anEmptyDestinationListMapsTheSourceToItself() {
        SubjectMapping m = Loading.options("mappings { x: [] }").mappings().get(0);
        assertThat(m.map("x")).isEqualTo("x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"foo.*\": \"bar.$2\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.$2\" : invalid mapping destination: wildcard index out of range in $2: [2]",
        "`\"foo.*\": \"bar\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar\" : invalid mapping destination: not using all of the token wildcard(s) in bar",
        "`\"foo.*\": \"bar.*\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.*\" : invalid subject",
        "`\"foo.>\": \"bar\"`|t.conf:2:3: Error adding mapping for \"foo.>\" to \"bar\" : invalid subject",
        "`\"foo\": \"bar.>\"`|t.conf:2:3: Error adding mapping for \"foo\" to \"bar.>\" : invalid subject",
        "`\"foo.*\": \"bar.{{unknown(1)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{unknown(1)}}\" : invalid mapping destination: unknown function in {{unknown(1)}}",
        "`\"foo.*\": \"bar.{{wildcard()}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{wildcard()}}\" : invalid mapping destination: not enough arguments passed to the function in {{wildcard()}}",
        "`\"foo.*\": \"bar.{{wildcard(1,2)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{wildcard(1,2)}}\" : invalid mapping destination: too many arguments passed to the function in {{wildcard(1,2)}}",
        "`\"foo.*\": \"bar.{{wildcard(x)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{wildcard(x)}}\" : invalid mapping destination: function argument is invalid or in the wrong format in {{wildcard(x)}}",
        "`\"foo.*\": \"bar.{{partition(3)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{partition(3)}}\" : invalid mapping destination: not enough arguments passed to the function in {{partition(3)}}",
        "`\"foo.*\": \"bar.{{split(1,a,b)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{split(1,a,b)}}\" : invalid mapping destination: too many arguments passed to the function in {{split(1,a,b)}}",
        "`\"foo.*\": \"bar.{{split(1,a.b)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{split(1,a.b)}}\" : invalid mapping destination: not using all of the token wildcard(s) in bar.{{split(1,a.b)}}",
        "`\"foo.*\": \"bar.{{split(1,a b)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{split(1,a b)}}\" : invalid mapping destination: function argument is invalid or in the wrong format in {{split(1,a b)}}",
        "`\"foo.*\": \"bar.{{sliceFromRight(1)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{sliceFromRight(1)}}\" : invalid mapping destination: not enough arguments passed to the function in {{sliceFromRight(1)}}",
        "`\"foo.*\": \"bar.{{WILDCARD(1)}}\"`|t.conf:2:3: Error adding mapping for \"foo.*\" to \"bar.{{WILDCARD(1)}}\" : invalid mapping destination: unknown function in {{WILDCARD(1)}}",
        // nats-server reports the block at 1:0
        "`\"foo..bar\": \"x\"`|t.conf:1:10: Subject \"foo..bar\" is not a valid subject",
        "`\"foo\": \"bar..x\"`|`t.conf:2:3: Error adding mapping for \"foo\" to \"bar..x\" : invalid mapping destination: invalid subject in `",
        "`\"foo\": \"bar.>.x\"`|t.conf:2:3: Error adding mapping for \"foo\" to \"bar.>.x\" : invalid mapping destination: invalid subject in x",
        "`\"foo\": \"bar. x\"`|t.conf:2:3: Error adding mapping for \"foo\" to \"bar. x\" : invalid mapping destination: invalid subject",
        "`\"foo.>\": \"{{wildcard(1)}}.>\"`|t.conf:2:3: Error adding mapping for \"foo.>\" to \"{{wildcard(1)}}.>\" : invalid mapping destination: wildcard index out of range in {{wildcard(1)}}: [1]",
        "`foo: {destination: \"bar\", weight: 101%}`|t.conf:2:29: Invalid weight 101 for mapping destination",
        "`foo: {destination: \"bar\", weight: -1}`|t.conf:2:29: Invalid weight -1 for mapping destination",
        // nats-server ends this one with a newline
        "`foo: {destination: \"bar\", weight: 1.5}`|t.conf:2:29: Unknown entry type for weight of 1.5",
        "`foo: {destination: \"bar\", weight: \"x%\"}`|t.conf:2:29: Invalid weight \"x\" for mapping destination",
        "`foo: {destination: \"bar\"}`|t.conf:2:3: Missing weight for mapping destination \"bar\"",
        "`foo: {dest: \"bar\", weight: 100%, foo: 1}`|t.conf:2:36: Unknown field \"foo\" for mapping destination",
        // nats-server prints a Go panic (not the reason: total weight, duplicate) and points after the array
        "`foo: [{destination: \"bar\", weight: 60%}, {destination: \"baz\", weight: 50%}]`|t.conf:2:44: interface conversion: interface {} is []interface {}, not string",
        "`foo: [{destination: \"bar\", weight: 60%}, {destination: \"bar\", weight: 10%}]`|t.conf:2:44: interface conversion: interface {} is []interface {}, not string",
        "`\"foo.*\": {destination: \"bar\", weight: 50%}`|t.conf:2:3: interface conversion: interface {} is map[string]interface {}, not string",
        // nats-server: 2:45
        "`foo: [{destination: \"bar\", weight: 60%}, \"x\"]`|t.conf:2:44: Expected an entry for the mapping destination",
        "`foo: 5`|t.conf:2:3: Expected an entry for the mapping destination",
        // nats-server gives up on the block here: the next mapping's error is not reported
        "`foo: {destination: 5, weight: 50%}\n  bar: \"baz.$1.x\"`|t.conf:2:3: interface conversion: interface {} is int64, not string",
    })
    void errorsAsNatsServer(String entries, String problem) {
        assertThat(problems("mappings {\n  " + entries + "\n}")).containsExactly(problem);
    }

    @Test
    void everyBadMappingIsReportedAndTheBlockMustBeAMap() {
        assertThat(problems("maps {\n  \"a.*\": \"b.$3\"\n  \"c.*\": \"d.$2\"\n}")).containsExactly(
                "t.conf:2:3: Error adding mapping for \"a.*\" to \"b.$3\" : invalid mapping destination: wildcard index out of range in $3: [3]",
                "t.conf:3:3: Error adding mapping for \"c.*\" to \"d.$2\" : invalid mapping destination: wildcard index out of range in $2: [2]");
        assertThat(problems("mappings: 5")).containsExactly(
                "t.conf:1:1: interface conversion: interface {} is int64, not map[string]interface {}");
    }
}
