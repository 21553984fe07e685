package io.jnatsd.subject.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One entry of {@code mappings}: a source subject and its weighted destinations, built with nats-server 2.9.10's
 * rules. When the weights add up to less than 100 and the source is not itself a destination, the source is added
 * with the remaining weight, so that share of the messages keeps its subject; when the source is listed
 * explicitly, the missing share is dropped. Destinations scoped to a cluster replace the others on a server of
 * that cluster. Immutable and thread-safe.
 */
public final class SubjectMapping {
    /** {@link #map} result for a message that no destination was chosen for: nats-server drops it. */
    public static final byte[] DROP = new byte[0];

    private static final int ALL = 100;

    private final String source;
    /** Matches the source; also the destination that keeps the subject as it is. */
    private final SubjectTransform unchanged;
    private final List<MapDestination> configured;
    private final Choice[] choices;
    private final Map<String, Choice[]> clusterChoices;

    /** A destination with the cumulative weight of it and those before it. */
    private record Choice(SubjectTransform transform, int upTo) {
    }

    private SubjectMapping(String source, SubjectTransform unchanged, List<MapDestination> configured,
            Choice[] choices, Map<String, Choice[]> clusterChoices) {
        this.source = source;
        this.unchanged = unchanged;
        this.configured = configured;
        this.choices = choices;
        this.clusterChoices = clusterChoices;
    }

    /** A mapping with one destination taking all messages ({@code "src": "dest"}). */
    public static SubjectMapping of(String source, String destination) {
        return of(source, List.of(new MapDestination(destination, ALL)));
    }

    /**
     * A weighted mapping, checked in nats-server's order: duplicate destination, weight, total weight, then each
     * destination's subject.
     *
     * @throws InvalidMappingException with nats-server's error text
     */
    public static SubjectMapping of(String source, List<MapDestination> destinations) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        List<Weighted> plain = new ArrayList<>();
        Map<String, List<Weighted>> byCluster = new LinkedHashMap<>();
        for (MapDestination d : destinations) {
            if (!seen.add(d.subject())) {
                throw new InvalidMappingException("duplicate entry for \"" + d.subject() + "\"");
            }
            if (d.weight() > ALL || d.weight() < 0) {
                throw new InvalidMappingException("individual weights need to be <= 100");
            }
            total += d.weight();
            if (total > ALL) {
                throw new InvalidMappingException("total weight needs to be <= 100");
            }
            Weighted w = new Weighted(SubjectTransform.compile(source, d.subject()), d.weight());
            if (d.cluster() == null || d.cluster().isEmpty()) {
                plain.add(w);
            } else {
                byCluster.computeIfAbsent(d.cluster(), c -> new ArrayList<>()).add(w);
            }
        }
        SubjectTransform unchanged = SubjectTransform.compile(source, identity(source));
        boolean sourceListed = seen.contains(source);
        Map<String, Choice[]> clusters = new LinkedHashMap<>();
        byCluster.forEach((c, list) -> clusters.put(c, choices(unchanged, list, sourceListed)));
        return new SubjectMapping(source, unchanged, List.copyOf(destinations),
                choices(unchanged, plain, sourceListed), Map.copyOf(clusters));
    }

    private record Weighted(SubjectTransform transform, int weight) {
    }

    private static Choice[] choices(SubjectTransform unchanged, List<Weighted> list, boolean sourceListed) {
        List<Weighted> all = new ArrayList<>(list);
        int sum = list.stream().mapToInt(Weighted::weight).sum();
        if (sum != ALL && !sourceListed) {
            all.add(new Weighted(unchanged, list.isEmpty() ? ALL : ALL - sum));
        }
        // nats-server orders by weight (its sort is not stable; jnatsd keeps file order among equal weights).
        all.sort(Comparator.comparingInt(Weighted::weight));
        Choice[] out = new Choice[all.size()];
        int upTo = 0;
        for (int i = 0; i < out.length; i++) {
            upTo += all.get(i).weight();
            out[i] = new Choice(all.get(i).transform(), upTo);
        }
        return out;
    }

    /** The source as a destination keeping each published token: {@code foo.*.*} becomes {@code foo.$1.$2}. */
    private static String identity(String source) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (String t : source.split("\\.", -1)) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(t.equals("*") ? "$" + (++n) : t);
        }
        return b.toString();
    }

    public String source() {
        return source;
    }

    /** The destinations as configured (without the implicit source destination). */
    public List<MapDestination> destinations() {
        return configured;
    }

    /** True when the published subject matches the source. */
    public boolean matches(byte[] subject, int off, int len) {
        return unchanged.matches(subject, off, len);
    }

    /**
     * The subject a message published to {@code subject} (a valid literal subject) is routed to: null when the
     * source does not match (the subject is left as it is), {@link #DROP} when the weights left this message
     * without a destination.
     */
    public byte[] map(byte[] subject, int off, int len) {
        return map(subject, off, len, null);
    }

    /** {@link #map(byte[], int, int)} on a server in cluster {@code clusterName} (null: none). */
    public byte[] map(byte[] subject, int off, int len, String clusterName) {
        SubjectTransform.Scratch s = SubjectTransform.scratch();
        return map(s.tokens.reset(subject, off, len), s.out, clusterName);
    }

    /** {@link #map(byte[], int, int, String)} on an already tokenized subject. */
    byte[] map(SubjectTokens in, SubjectBytes out, String clusterName) {
        if (!unchanged.matches(in)) {
            return null;
        }
        SubjectTransform chosen = choose(clusterName);
        return chosen == null ? DROP : chosen.transform(in, out);
    }

    /** {@link #map(byte[], int, int)} on a String: null when not matching, "" when dropped. */
    public String map(String subject) {
        byte[] b = subject.getBytes(StandardCharsets.UTF_8);
        byte[] r = map(b, 0, b.length);
        return r == null ? null : new String(r, StandardCharsets.UTF_8);
    }

    /** A destination picked by weight; null when the pick falls in a share no destination has (dropped). */
    public SubjectTransform choose() {
        return choose(null);
    }

    /** {@link #choose()} on a server in cluster {@code clusterName} (null: none). */
    public SubjectTransform choose(String clusterName) {
        Choice[] c = choicesFor(clusterName);
        if (c.length == 1 && c[0].upTo() == ALL) {
            return c[0].transform();
        }
        return chooseWith(ThreadLocalRandom.current().nextInt(ALL), clusterName);
    }

    /** The destination for a roll in [0, 100), as nats-server picks: the first whose cumulative weight exceeds it. */
    public SubjectTransform chooseWith(int roll, String clusterName) {
        for (Choice choice : choicesFor(clusterName)) {
            if (roll < choice.upTo()) {
                return choice.transform();
            }
        }
        return null;
    }

    private Choice[] choicesFor(String clusterName) {
        if (clusterName != null) {
            Choice[] c = clusterChoices.get(clusterName);
            if (c != null) {
                return c;
            }
        }
        return choices;
    }

    /** Equal when configured alike (source and destinations in order), so that a reload can tell a change. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectMapping m && source.equals(m.source) && configured.equals(m.configured);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + configured.hashCode();
    }

    @Override
    public String toString() {
        return source + " -> " + configured;
    }
}
