package io.jnatsd.subject.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compiling and applying one transform; error texts are nats-server 2.9.10's (checked with nats-server -t). */
class SubjectTransformTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // $n and wildcard(n), literal source tokens, '>' tails
        "foo.*|bar.$1|foo.a|bar.a",
        "*.*.*|$3.$1.$2|a.b.c|c.a.b",
        "a.*.c.*|x.{{wildcard(2)}}.{{Wildcard(1)}}|a.1.c.2|x.2.1",
        "foo.>|bar.>|foo.a.b|bar.a.b",
        ">|pre.>|a.b|pre.a.b",
        "foo.*.>|{{wildcard(1)}}.x.>|foo.a.b.c|a.x.b.c",
        "foo|bar.baz|foo|bar.baz",
        // without source wildcards the destination is used as written, $1 included
        "foo|bar.$1|foo|bar.$1",
        // $ followed by a non-number is a literal token
        "foo.*|$x.$1|foo.a|$x.a",
        // index 0 or negative: the first published token, as nats-server's lookup defaults
        "foo.*|$0.$1|foo.a|foo.a",
        // partition: FNV-1a 32 of the tokens concatenated, modulo the count (values from nats-server)
        "p.*|{{partition(10,1)}}|p.hello|3",
        "p.*.*|{{partition(7,1,2)}}|p.ab.c|5",
        "p.*.*|{{partition(7,2,1)}}|p.c.ab|5",
        "p.*|{{partition(1,1)}}|p.anything|0",
        "p.*|{{ partition( 10 , 1 ) }}|p.hello|3",
        // split
        "s.*|{{split(1,-)}}|s.a-b-c|a.b.c",
        "s.*|{{split(1,-)}}|s.-a--b-|a.b",
        "s.*|{{split(1,-)}}|s.abc|abc",
        "s.*|{{split(1,ab)}}|s.xabyabz|x.y.z",
        "s.*|{{split(1,)}}|s.abc|a.b.c",
        "s.*|{{split(1,-)}}|s.a--b|a.b",
        // split/slice from left and right; too short tokens unchanged
        "s.*|{{splitFromLeft(1,3)}}|s.abcdef|abc.def",
        "s.*|{{splitFromLeft(1,3)}}|s.abc|abc",
        "s.*|{{splitFromLeft(1,0)}}|s.abc|abc",
        "s.*|{{splitFromRight(1,2)}}|s.abcdef|abcd.ef",
        "s.*|{{splitFromRight(1,5)}}|s.ab|ab",
        "s.*|{{sliceFromLeft(1,2)}}|s.abcde|ab.cd.e",
        "s.*|{{sliceFromLeft(1,2)}}|s.abcd|ab.cd",
        "s.*|{{sliceFromLeft(1,-1)}}|s.abcd|abcd",
        "s.*|{{sliceFromRight(1,2)}}|s.abcde|a.bc.de",
        "s.*|{{sliceFromRight(1,2)}}|s.abcd|ab.cd",
        "s.*|{{sliceFromRight(1,9)}}|s.abcd|abcd",
        "s.*|{{SliceFromLeft(1,3)}}.{{SliceFromRight(1,3)}}|s.abcdefg|abc.def.g.a.bcd.efg",
        "s.*|$1.$1|s.k|k.k",
        "s.*|$1.{{wildcard(+1)}}|s.k|k.k",
    })
    void transforms(String source, String destination, String subject, String expected) {
        assertThat(SubjectTransform.compile(source, destination).apply(subject)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "foo.*|foo",
        "foo.*|foo.a.b",
        "foo.*|bar.a",
        "foo.>|foo",
        "foo|foo.bar",
        "foo|fo",
        "a.*.c|a.b.d",
    })
    void subjectsNotMatchingTheSourceGiveNull(String source, String subject) {
        SubjectTransform t = SubjectTransform.compile(source, source.replace("*", "$1"));
        assertThat(t.apply(subject)).isNull();
        byte[] b = subject.getBytes(StandardCharsets.UTF_8);
        assertThat(t.matches(b, 0, b.length)).isFalse();
    }

    @Test
    void appliesToASliceOfABuffer() {
        byte[] buffer = "PUB orders.eu.42 5\r\n".getBytes(StandardCharsets.US_ASCII);
        SubjectTransform t = SubjectTransform.compile("orders.*.*", "shard.{{partition(4,2)}}.$1.$2");
        byte[] out = t.apply(buffer, 4, "orders.eu.42".length());
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(t.apply("orders.eu.42"))
                .startsWith("shard.").endsWith(".eu.42");
        assertThat(t.matches(buffer, 4, "orders.eu.42".length())).isTrue();
    }

    @Test
    void bytesAreSlicedNotCharacters() {
        // nats-server cuts at byte positions: "é" is two bytes in UTF-8
        byte[] in = "s.éa".getBytes(StandardCharsets.UTF_8);
        byte[] out = SubjectTransform.compile("s.*", "{{splitFromLeft(1,2)}}").apply(in, 0, in.length);
        assertThat(out).isEqualTo(new byte[] {(byte) 0xc3, (byte) 0xa9, '.', 'a'});
    }

    @Test
    void longSubjectsAndResultsGrowTheBuffers() {
        String subject = "t." + "x".repeat(300) + ".a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r";
        assertThat(SubjectTransform.compile("t.>", "u.>").apply(subject)).isEqualTo("u" + subject.substring(1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "foo.*|bar.$2|invalid mapping destination: wildcard index out of range in $2: [2]",
        "foo.*|bar.$99999999999|invalid mapping destination: wildcard index out of range in $99999999999: [99999999999]",
        "foo.*|bar.{{partition(3,1,2)}}|invalid mapping destination: wildcard index out of range in {{partition(3,1,2)}}: [2]",
        "foo.>|{{wildcard(1)}}.>|invalid mapping destination: wildcard index out of range in {{wildcard(1)}}: [1]",
        "foo.*|bar|invalid mapping destination: not using all of the token wildcard(s) in bar",
        "foo.*.*|bar.$1|invalid mapping destination: not using all of the token wildcard(s) in bar.$1",
        "foo.*|bar.$x|invalid mapping destination: not using all of the token wildcard(s) in bar.$x",
        "foo.*|bar.*|invalid subject",
        "foo.>|bar|invalid subject",
        "foo|bar.>|invalid subject",
        "foo..x|bar|invalid subject",
        "foo.*|{{unknown(1)}}|invalid mapping destination: unknown function in {{unknown(1)}}",
        "foo.*|{{WILDCARD(1)}}|invalid mapping destination: unknown function in {{WILDCARD(1)}}",
        "foo|{{nothing}}|invalid mapping destination: unknown function in {{nothing}}",
        "foo.*|{{wildcard()}}|invalid mapping destination: not enough arguments passed to the function in {{wildcard()}}",
        "foo.*|{{wildcard(1,2)}}|invalid mapping destination: too many arguments passed to the function in {{wildcard(1,2)}}",
        "foo.*|{{wildcard(x)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{wildcard(x)}}",
        "foo.*|{{partition(3)}}|invalid mapping destination: not enough arguments passed to the function in {{partition(3)}}",
        "foo.*|{{partition(x,1)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{partition(x,1)}}",
        "foo.*|{{partition(3,y)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{partition(3,y)}}",
        // accepted by nats-server, which then divides by zero on the first message
        "foo.*|{{partition(0,1)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{partition(0,1)}}",
        "foo.*|{{split(1)}}|invalid mapping destination: not enough arguments passed to the function in {{split(1)}}",
        "foo.*|{{split(1,a,b)}}|invalid mapping destination: too many arguments passed to the function in {{split(1,a,b)}}",
        "foo.*|{{split(1,a b)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{split(1,a b)}}",
        "foo.*|{{split(z,a)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{split(z,a)}}",
        "foo.*|{{splitFromLeft(1)}}|invalid mapping destination: not enough arguments passed to the function in {{splitFromLeft(1)}}",
        "foo.*|{{splitFromRight(1,2,3)}}|invalid mapping destination: too many arguments passed to the function in {{splitFromRight(1,2,3)}}",
        "foo.*|{{sliceFromLeft(1,x)}}|invalid mapping destination: function argument is invalid or in the wrong format in {{sliceFromLeft(1,x)}}",
        "foo.*|{{sliceFromRight(1)}}|invalid mapping destination: not enough arguments passed to the function in {{sliceFromRight(1)}}",
        "foo|bar..x|`invalid mapping destination: invalid subject in `",
        "foo|bar.>.x|invalid mapping destination: invalid subject in x",
        "foo|bar. x|invalid mapping destination: invalid subject",
    })
    void refusedWithNatsServersText(String source, String destination, String message) {
        assertThatThrownBy(() -> SubjectTransform.compile(source, destination))
                .isInstanceOf(InvalidMappingException.class).hasMessage(message);
    }

    @Test
    void applyAllocatesLittleMoreThanItsResult() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        SubjectMappings ms = SubjectMappings.of(java.util.List.of(SubjectMapping.of("x.*", "y.$1"),
                SubjectMapping.of("orders.*.*", "o.{{partition(8,1,2)}}.{{split(2,-)}}.$1")));
        byte[] subject = "orders.eu.a-b-c".getBytes(StandardCharsets.US_ASCII);
        int n = 20_000;
        long sink = 0;
        for (int i = 0; i < n; i++) { // warm up, including the per-thread buffers
            sink += ms.map(subject, 0, subject.length).length;
        }
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            sink += ms.map(subject, 0, subject.length).length;
        }
        long perCall = (bean.getThreadAllocatedBytes(tid) - before) / n;
        assertThat(sink).isPositive();
        // the result "o.N.a.b.c.eu" is a byte[12]: 16 header + 12 data = 32 bytes
        assertThat(perCall).as("bytes allocated per map()").isLessThanOrEqualTo(48);
    }

    @Test
    void spacesAreAllowedInsideFunctionCalls() {
        assertThat(SubjectTransform.compile("w.*", "m.{{ Wildcard( 1 ) }}").apply("w.x")).isEqualTo("m.x");
    }
}
