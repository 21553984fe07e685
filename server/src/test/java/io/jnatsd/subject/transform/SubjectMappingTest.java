package io.jnatsd.subject.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weighted destinations. The shares below were also seen on nats-server 2.9.10 (2000 messages each):
 * {@code foo: {destination: bar, weight: 50%}} delivered about half on foo and half on bar;
 * {@code q: [{destination: q, weight: 30%}, {destination: r, weight: 20%}]} about 30% on q, 20% on r, rest
 * dropped; a cluster-scoped destination had no effect on a server without a cluster.
 */
class SubjectMappingTest {

    private static String pick(SubjectMapping m, int roll, String cluster) {
        SubjectTransform t = m.chooseWith(roll, cluster);
        return t == null ? null : t.destination();
    }

    @Test
    void singleDestinationTakesEverything() {
        SubjectMapping m = SubjectMapping.of("foo.*", "bar.$1");
        assertThat(m.map("foo.x")).isEqualTo("bar.x");
        assertThat(m.map("baz.x")).isNull();
        assertThat(m.choose().destination()).isEqualTo("bar.$1");
    }

    @Test
    void rollsPickByCumulativeWeightInAscendingWeightOrder() {
        SubjectMapping m = SubjectMapping.of("foo", List.of(new MapDestination("a", 60), new MapDestination("b", 40)));
        // sorted by weight: b (0..39), a (40..99)
        assertThat(pick(m, 0, null)).isEqualTo("b");
        assertThat(pick(m, 39, null)).isEqualTo("b");
        assertThat(pick(m, 40, null)).isEqualTo("a");
        assertThat(pick(m, 99, null)).isEqualTo("a");
    }

    @Test
    void theRestOfTheWeightKeepsTheOriginalSubject() {
        SubjectMapping m = SubjectMapping.of("foo.*", List.of(new MapDestination("bar.$1", 30)));
        assertThat(pick(m, 29, null)).isEqualTo("bar.$1");
        assertThat(pick(m, 30, null)).isEqualTo("foo.$1");
        SubjectTransform rest = m.chooseWith(99, null);
        assertThat(rest.apply("foo.k")).isEqualTo("foo.k");
    }

    @Test
    void whenTheSourceIsListedTheMissingShareIsDropped() {
        SubjectMapping m = SubjectMapping.of("q", List.of(new MapDestination("q", 30), new MapDestination("r", 20)));
        assertThat(pick(m, 0, null)).isEqualTo("r");
        assertThat(pick(m, 20, null)).isEqualTo("q");
        assertThat(pick(m, 50, null)).isNull();
        byte[] q = "q".getBytes(StandardCharsets.US_ASCII);
        int dropped = 0;
        for (int i = 0; i < 2000; i++) {
            if (m.map(q, 0, 1) == SubjectMapping.DROP) {
                dropped++;
            }
        }
        assertThat(dropped).isBetween(800, 1200);
    }

    @Test
    void clusterScopedDestinationsReplaceTheOthersOnThatCluster() {
        SubjectMapping m = SubjectMapping.of("c", List.of(new MapDestination("c1", 60, "east"),
                new MapDestination("c2", 40)));
        assertThat(pick(m, 10, null)).isEqualTo("c2");
        assertThat(pick(m, 50, null)).isEqualTo("c");
        assertThat(pick(m, 50, "west")).as("unknown cluster").isEqualTo("c");
        // east: the subject itself (40, the rest) sorts before c1 (60)
        assertThat(pick(m, 10, "east")).as("rest of east keeps the subject").isEqualTo("c");
        assertThat(pick(m, 40, "east")).isEqualTo("c1");
    }

    @Test
    void weightedChoiceFollowsTheWeights() {
        SubjectMapping m = SubjectMapping.of("foo", List.of(new MapDestination("a", 20), new MapDestination("b", 30),
                new MapDestination("c", 50)));
        Map<String, Integer> counts = new HashMap<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts.merge(m.map("foo"), 1, Integer::sum);
        }
        // expected 4000 / 6000 / 10000; the bounds are more than 6 standard deviations wide
        assertThat(counts.get("a")).isBetween(3650, 4350);
        assertThat(counts.get("b")).isBetween(5600, 6400);
        assertThat(counts.get("c")).isBetween(9550, 10450);
        assertThat(counts).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void refusedWithNatsServersText() {
        assertThatThrownBy(() -> SubjectMapping.of("foo", List.of(new MapDestination("a", 60),
                new MapDestination("b", 50)))).hasMessage("total weight needs to be <= 100");
        assertThatThrownBy(() -> SubjectMapping.of("foo", List.of(new MapDestination("a", 10),
                new MapDestination("a", 10)))).hasMessage("duplicate entry for \"a\"");
        assertThatThrownBy(() -> SubjectMapping.of("foo", List.of(new MapDestination("a", 101))))
                .hasMessage("individual weights need to be <= 100");
        assertThatThrownBy(() -> SubjectMapping.of("foo.*", List.of(new MapDestination("a", 10))))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("invalid mapping destination: not using all of the token wildcard(s) in a");
    }

    @Test
    void equalWhenConfiguredAlike() {
        assertThat(SubjectMapping.of("a.*", "b.$1")).isEqualTo(SubjectMapping.of("a.*",
                List.of(new MapDestination("b.$1", 100)))).hasSameHashCodeAs(SubjectMapping.of("a.*", "b.$1"));
        assertThat(SubjectMapping.of("a.*", "b.$1")).isNotEqualTo(SubjectMapping.of("a.*", "c.$1"));
        assertThat(SubjectMapping.of("a", "b")).isNotEqualTo(SubjectMapping.of("a", List.of(new MapDestination("b", 50))));
    }

    @Test
    void firstMatchingMappingDecidesAndASameSourceReplacesTheEarlier() {
        SubjectMappings ms = SubjectMappings.of(List.of(SubjectMapping.of("a.*", "x.$1"),
                SubjectMapping.of("a.b", "y"), SubjectMapping.of("c", "d"), SubjectMapping.of("a.*", "z.$1")));
        assertThat(ms.map("a.b")).isEqualTo("z.b");
        assertThat(ms.map("c")).isEqualTo("d");
        assertThat(ms.map("d")).as("mapped once, not again").isNull();
        assertThat(ms.asList()).extracting(SubjectMapping::source).containsExactly("a.*", "a.b", "c");
        assertThat(SubjectMappings.of(List.of()).isEmpty()).isTrue();
    }
}
