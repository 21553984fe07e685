package io.jnatsd.subject.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected subjects taken from nats-server 2.9.10: each mapping was configured in a {@code mappings {}} block, a
 * subscriber on {@code >} received the message published to the subject, and the subject it was delivered on is
 * the expected value here ({@code -} = delivered unchanged because no mapping matched). The same table is meant
 * for a differential test once mappings are wired into the router.
 */
class ReferenceMappingTest {

    /** All mappings of the reference configuration, in its order. */
    static final String[][] MAPPINGS = {
        {"w1.*", "bar.$1"},
        {"w2.*.*", "bar.$2.$1"},
        {"fw.>", "bar.>"},
        {"wf.*.>", "bar.{{wildcard(1)}}.>"},
        {"wm.*", "m.{{ Wildcard( 1 ) }}.$1"},
        {"p1.*", "part.{{partition(10,1)}}"},
        {"p2.*.*", "pp.{{partition(7,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}"},
        {"p3.*.>", "pq.{{partition(5,1)}}.>"},
        {"pn.*", "pn.{{partition(-3,1)}}.$1"},
        {"s1.*", "s.{{split(1,-)}}"},
        {"s2.*", "s2.{{split(1,ab)}}"},
        {"s3.*", "s3.{{split(1,)}}"},
        {"sl.*", "sl.{{splitFromLeft(1,3)}}"},
        {"sr.*", "sr.{{SplitFromRight(1,2)}}"},
        {"cl.*", "cl.{{sliceFromLeft(1,2)}}"},
        {"cr.*", "cr.{{sliceFromRight(1,2)}}"},
        {"c3.*", "c3.{{sliceFromLeft(1,3)}}.{{sliceFromRight(1,3)}}"},
        {"lit", "lit.mapped"},
        {"litd", "litd.$1"},
        {"z.*", "z.$0"},
        {"zn.*", "zn.{{wildcard(-1)}}.$1"},
        {"mid.*.y", "mid.$1.z"},
        {"dup.*", "dup.$1.$1"},
        {"chain1", "chain2"},
        {"chain2", "chain3"},
        {"ft.*.>", "ft.$1.>"},
    };

    static SubjectMappings mappings() {
        List<SubjectMapping> list = new ArrayList<>();
        for (String[] m : MAPPINGS) {
            list.add(SubjectMapping.of(m[0], m[1]));
        }
        return SubjectMappings.of(list);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "w1.a|bar.a",
        "w1.a.b|-",
        "w2.a.b|bar.b.a",
        "fw.a|bar.a",
        "fw.a.b.c|bar.a.b.c",
        "wf.a.b|bar.a.b",
        "wf.a.b.c|bar.a.b.c",
        "wm.x|m.x.x",
        "p1.a|part.0",
        "p1.b|part.7",
        "p1.hello|part.3",
        "p1.12345|part.4",
        "p1.ORDERS|part.8",
        "p2.a.b|pp.2.a.b",
        "p2.ab.c|pp.5.ab.c",
        "p2.x.yz|pp.4.x.yz",
        "p3.a.b|pq.0.b",
        "p3.k.b.c|pq.0.b.c",
        "pn.a|pn.3826002220.a",
        "pn.zz|pn.1466432373.zz",
        "s1.a-b-c|s.a.b.c",
        "s1.-a--b-|s.a.b",
        "s1.abc|s.abc",
        "s2.xabyabz|s2.x.y.z",
        "s3.abc|s3.a.b.c",
        "sl.abcdef|sl.abc.def",
        "sl.ab|sl.ab",
        "sl.abc|sl.abc",
        "sr.abcdef|sr.abcd.ef",
        "sr.ab|sr.ab",
        "cl.abcde|cl.ab.cd.e",
        "cl.abcd|cl.ab.cd",
        "cl.a|cl.a",
        "cr.abcde|cr.a.bc.de",
        "cr.abcd|cr.ab.cd",
        "c3.abcdefg|c3.abc.def.g.a.bcd.efg",
        "lit|lit.mapped",
        "lit.x|-",
        "litd|litd.$1",
        "z.q|z.z",
        "zn.q|zn.zn.q",
        "mid.a.y|mid.a.z",
        "mid.a.q|-",
        "dup.k|dup.k.k",
        "chain1|chain2",
        "chain2|chain3",
        "nomatch.a|-",
        "ft.a.b.c|ft.a.b.c",
    })
    void deliveredSubjectIsNatsServers(String published, String delivered) {
        String mapped = mappings().map(published);
        assertThat(mapped == null ? "-" : mapped).isEqualTo(delivered);
    }
}
