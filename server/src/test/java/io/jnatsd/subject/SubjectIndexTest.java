package io.jnatsd.subject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectIndexTest {

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static final AtomicInteger SIDS = new AtomicInteger();

    static Subscription<String> sub(String subject) {
        return sub(subject, null);
    }

    static Subscription<String> sub(String subject, String queue) {
        String sid = Integer.toString(SIDS.incrementAndGet());
        return new Subscription<>("client-" + sid, subject.getBytes(StandardCharsets.UTF_8), queue,
                sid.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A match result as comparable values: the set of plain subs and queue name to the set of members. */
    record View(Set<Subscription<String>> plain, Map<String, Set<Subscription<String>>> queues) {
    }

    static Set<Subscription<String>> identitySet(Iterable<Subscription<String>> subs) {
        Set<Subscription<String>> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Subscription<String> x : subs) {
            s.add(x);
        }
        return s;
    }

    /** Converts a result, checking its shape: no duplicates, one group per queue name, no empty group. */
    static View view(MatchResult<String> r) {
        Subscription<String>[] plain = r.plain();
        Set<Subscription<String>> p = identitySet(Arrays.asList(plain));
        assertThat(p).as("plain subs are distinct").hasSize(plain.length);
        for (Subscription<String> s : plain) {
            assertThat(s.queue()).as("plain sub %s", s).isNull();
        }
        Map<String, Set<Subscription<String>>> q = new HashMap<>();
        for (Subscription<String>[] group : r.queueGroups()) {
            assertThat(group).as("queue group").isNotEmpty();
            String name = group[0].queue();
            assertThat(name).isNotNull();
            Set<Subscription<String>> members = identitySet(Arrays.asList(group));
            assertThat(members).as("members of %s are distinct", name).hasSize(group.length);
            for (Subscription<String> m : group) {
                assertThat(m.queue()).as("every member of group %s", name).isEqualTo(name);
            }
            assertThat(q.put(name, members)).as("one group per queue name (%s)", name).isNull();
        }
        assertThat(r.isEmpty()).isEqualTo(plain.length == 0 && r.queueGroups().length == 0);
        return new View(p, q);
    }

    static View match(SubjectIndex<String> idx, String subject) {
        return view(idx.match(b(subject)));
    }

    /** The reference: nats-server's matching rules applied to every subscription. */
    static View bruteForce(Iterable<Subscription<String>> subs, String subject) {
        String[] lit = subject.split("\\.", -1);
        Set<Subscription<String>> plain = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Set<Subscription<String>>> queues = new HashMap<>();
        for (Subscription<String> s : subs) {
            if (matches(s.subjectString().split("\\.", -1), lit)) {
                if (s.queue() == null) {
                    plain.add(s);
                } else {
                    queues.computeIfAbsent(s.queue(), k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(s);
                }
            }
        }
        return new View(plain, queues);
    }

    static boolean matches(String[] pattern, String[] subject) {
        for (int i = 0; i < pattern.length; i++) {
            String t = pattern[i];
            if (t.equals(">")) {
                return i == pattern.length - 1 && subject.length > i;
            }
            if (i >= subject.length) {
                return false;
            }
            if (!t.equals("*") && !t.equals(subject[i])) {
                return false;
            }
        }
        return pattern.length == subject.length;
    }

    @SuppressWarnings("unchecked")
    static TrieNode<String> root(SubjectIndex<String> idx) throws Exception {
        Field f = SubjectIndex.class.getDeclaredField("root");
        f.setAccessible(true);
        return (TrieNode<String>) f.get(idx);
    }

    @SafeVarargs
    static Set<Subscription<String>> set(Subscription<String>... subs) {
        return identitySet(Arrays.asList(subs));
    }

    // ---- brute-force reference sanity ------------------------------------------------------------------------------

    @Test
    void referenceMatcherFollowsTheSpec() {
        assertThat(matches(new String[] {"a", "*"}, new String[] {"a", "b"})).isTrue();
        assertThat(matches(new String[] {"a", "*"}, new String[] {"a"})).isFalse();
        assertThat(matches(new String[] {"a", "*"}, new String[] {"a", "b", "c"})).isFalse();
        assertThat(matches(new String[] {"a", ">"}, new String[] {"a"})).isFalse();
        assertThat(matches(new String[] {"a", ">"}, new String[] {"a", "b", "c"})).isTrue();
        assertThat(matches(new String[] {">"}, new String[] {"a"})).isTrue();
        assertThat(matches(new String[] {"a", "b"}, new String[] {"a", "b"})).isTrue();
        assertThat(matches(new String[] {"a", "b"}, new String[] {"a", "c"})).isFalse();
    }

    // ---- basics ----------------------------------------------------------------------------------------------------

    @Test
    void emptyIndexMatchesNothing() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        MatchResult<String> r = idx.match(b("foo"));
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.plain()).isEmpty();
        assertThat(r.queueGroups()).isEmpty();
        assertThat(idx.count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4096})
    void literalSubjects(int cacheSize) {
        SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
        Subscription<String> foo = sub("foo");
        Subscription<String> fooBar = sub("foo.bar");
        Subscription<String> fooBar2 = sub("foo.bar");
        Subscription<String> fooBarBaz = sub("foo.bar.baz");
        idx.insert(foo);
        idx.insert(fooBar);
        idx.insert(fooBar2);
        idx.insert(fooBarBaz);
        assertThat(match(idx, "foo").plain()).isEqualTo(set(foo));
        assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(fooBar, fooBar2));
        assertThat(match(idx, "foo.bar.baz").plain()).isEqualTo(set(fooBarBaz));
        assertThat(match(idx, "foo.baz").plain()).isEmpty();
        assertThat(match(idx, "bar").plain()).isEmpty();
        assertThat(match(idx, "fo").plain()).isEmpty();
        assertThat(match(idx, "foo.bar.baz.qux").plain()).isEmpty();
        assertThat(match(idx, "Foo").plain()).as("case-sensitive").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4096})
    void singleTokenWildcard(int cacheSize) {
        SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
        Subscription<String> star = sub("*");
        Subscription<String> fooStar = sub("foo.*");
        Subscription<String> starBar = sub("*.bar");
        Subscription<String> starStar = sub("*.*");
        Subscription<String> fooStarBaz = sub("foo.*.baz");
        for (Subscription<String> s : List.of(star, fooStar, starBar, starStar, fooStarBaz)) {
            idx.insert(s);
        }
        assertThat(match(idx, "foo").plain()).isEqualTo(set(star));
        assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(fooStar, starBar, starStar));
        assertThat(match(idx, "foo.x").plain()).isEqualTo(set(fooStar, starStar));
        assertThat(match(idx, "x.bar").plain()).isEqualTo(set(starBar, starStar));
        assertThat(match(idx, "foo.x.baz").plain()).isEqualTo(set(fooStarBaz));
        assertThat(match(idx, "foo.x.y").plain()).isEmpty();
        assertThat(match(idx, "a.b.c.d").plain()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4096})
    void fullWildcard(int cacheSize) {
        SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
        Subscription<String> all = sub(">");
        Subscription<String> foo = sub("foo.>");
        Subscription<String> fooBar = sub("foo.bar.>");
        Subscription<String> starBar = sub("*.bar.>");
        for (Subscription<String> s : List.of(all, foo, fooBar, starBar)) {
            idx.insert(s);
        }
        assertThat(match(idx, "foo").plain()).as("'>' needs at least one token").isEqualTo(set(all));
        assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(all, foo));
        assertThat(match(idx, "foo.bar.baz").plain()).isEqualTo(set(all, foo, fooBar, starBar));
        assertThat(match(idx, "x.bar.baz.q").plain()).isEqualTo(set(all, starBar));
        assertThat(match(idx, "x").plain()).isEqualTo(set(all));
    }

    @Test
    void wildcardCharactersInsideTokensAreLiteral() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> lit = sub("fo*o.b>");
        idx.insert(lit);
        assertThat(match(idx, "fo*o.b>").plain()).isEqualTo(set(lit));
        assertThat(match(idx, "foXo.b>").plain()).isEmpty();
        assertThat(match(idx, "fo*o.bX").plain()).isEmpty();
    }

    @Test
    void publishingToAWildcardSubjectMatchesWildcardSubsOnly() {
        // pedantic=false routes "foo.*" as-is: a literal sub on foo.bar must not receive it, foo.* and foo.> do.
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> lit = sub("foo.bar");
        Subscription<String> star = sub("foo.*");
        Subscription<String> full = sub("foo.>");
        idx.insert(lit);
        idx.insert(star);
        idx.insert(full);
        assertThat(match(idx, "foo.*").plain()).isEqualTo(set(star, full));
    }

    @Test
    void utf8Subjects() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> s = sub("日本.*");
        idx.insert(s);
        assertThat(match(idx, "日本.語").plain()).isEqualTo(set(s));
        assertThat(match(idx, "日本").plain()).isEmpty();
    }

    @Test
    void matchUsesOnlyTheGivenRange() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> s = sub("foo.bar");
        idx.insert(s);
        byte[] buf = b("PUB foo.bar.baz 5");
        assertThat(view(idx.match(buf, 4, 7)).plain()).isEqualTo(set(s));
        assertThat(view(idx.match(buf, 4, 11)).plain()).isEmpty();
        // Same subject bytes at another offset: the cache must compare contents, not positions.
        byte[] other = b("xxfoo.bar");
        assertThat(view(idx.match(other, 2, 7)).plain()).isEqualTo(set(s));
        assertThat(view(idx.match(b("foo.baz"), 0, 7)).plain()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4096})
    void queueGroupsAreMergedByNameAcrossSubjects(int cacheSize) {
        SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
        Subscription<String> q1a = sub("foo.bar", "q1");
        Subscription<String> q1b = sub("foo.*", "q1");
        Subscription<String> q1c = sub("foo.>", "q1");
        Subscription<String> q2a = sub("foo.bar", "q2");
        Subscription<String> q2b = sub("*.bar", "q2");
        Subscription<String> q3 = sub("other", "q3");
        Subscription<String> plain = sub("foo.bar");
        for (Subscription<String> s : List.of(q1a, q1b, q1c, q2a, q2b, q3, plain)) {
            idx.insert(s);
        }
        View v = match(idx, "foo.bar");
        assertThat(v.plain()).isEqualTo(set(plain));
        assertThat(v.queues()).containsOnlyKeys("q1", "q2");
        assertThat(v.queues().get("q1")).isEqualTo(set(q1a, q1b, q1c));
        assertThat(v.queues().get("q2")).isEqualTo(set(q2a, q2b));

        View baz = match(idx, "foo.baz");
        assertThat(baz.plain()).isEmpty();
        assertThat(baz.queues()).containsOnlyKeys("q1");
        assertThat(baz.queues().get("q1")).isEqualTo(set(q1b, q1c));

        assertThat(match(idx, "other").queues().get("q3")).isEqualTo(set(q3));
    }

    @Test
    void sameQueueNameOnDifferentSubjectsIsOneGroupOnlyWhenBothMatch() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> a = sub("a", "q");
        Subscription<String> b = sub("b", "q");
        idx.insert(a);
        idx.insert(b);
        assertThat(match(idx, "a").queues()).isEqualTo(Map.of("q", set(a)));
        assertThat(match(idx, "b").queues()).isEqualTo(Map.of("q", set(b)));
    }

    // ---- remove, count, generation ----------------------------------------------------------------------------------

    @Test
    void removeReturnsWhetherTheSubWasThere() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> s = sub("foo.bar");
        Subscription<String> twin = sub("foo.bar"); // same subject, never inserted
        Subscription<String> q = sub("foo.bar", "q");
        Subscription<String> qTwin = sub("foo.bar", "q");
        idx.insert(s);
        idx.insert(q);
        assertThat(idx.remove(twin)).isFalse();
        assertThat(idx.remove(qTwin)).isFalse();
        assertThat(idx.remove(sub("nope"))).isFalse();
        assertThat(idx.remove(sub("foo.bar.baz"))).isFalse();
        assertThat(idx.remove(sub("foo"))).isFalse();
        assertThat(idx.remove(sub("foo.bar", "other"))).isFalse();
        assertThat(idx.count()).isEqualTo(2);
        assertThat(match(idx, "foo.bar")).isEqualTo(new View(set(s), Map.of("q", set(q))));
        assertThat(idx.remove(s)).isTrue();
        assertThat(idx.remove(s)).as("twice").isFalse();
        assertThat(idx.remove(q)).isTrue();
        assertThat(idx.remove(q)).as("twice").isFalse();
        assertThat(idx.count()).isZero();
        assertThat(match(idx, "foo.bar").plain()).isEmpty();
        assertThat(match(idx, "foo.bar").queues()).isEmpty();
    }

    @Test
    void removeOneOfManyKeepsTheOthers() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        List<Subscription<String>> subs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Subscription<String> s = sub("foo");
            subs.add(s);
            idx.insert(s);
        }
        // Remove from the middle, the start and the end of the node's list (swap-removal must fix slots).
        for (int i : new int[] {4, 0, 9, 5, 1}) {
            assertThat(idx.remove(subs.get(i))).isTrue();
        }
        Set<Subscription<String>> left = identitySet(subs);
        for (int i : new int[] {4, 0, 9, 5, 1}) {
            left.remove(subs.get(i));
        }
        assertThat(match(idx, "foo").plain()).isEqualTo(left);
        for (Subscription<String> s : left) {
            assertThat(idx.remove(s)).as("remove %s", s).isTrue();
        }
        assertThat(match(idx, "foo").plain()).isEmpty();
    }

    @Test
    void countAndGeneration() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        long g0 = idx.generation();
        Subscription<String> a = sub("a");
        Subscription<String> b = sub("b.*", "q");
        idx.insert(a);
        long g1 = idx.generation();
        assertThat(g1).isNotEqualTo(g0);
        idx.insert(b);
        long g2 = idx.generation();
        assertThat(g2).isNotEqualTo(g1).isNotEqualTo(g0);
        assertThat(idx.count()).isEqualTo(2);
        idx.match(b("a"));
        assertThat(idx.generation()).as("match does not change it").isEqualTo(g2);
        assertThat(idx.remove(sub("zzz"))).isFalse();
        assertThat(idx.generation()).as("a failed remove does not change it").isEqualTo(g2);
        assertThat(idx.remove(a)).isTrue();
        long g3 = idx.generation();
        assertThat(g3).isNotIn(g0, g1, g2);
        assertThat(idx.count()).isEqualTo(1);
        idx.insert(a);
        assertThat(idx.generation()).isNotIn(g0, g1, g2, g3);
        assertThat(idx.count()).isEqualTo(2);
    }

    @Test
    void removePrunesTheTrie() throws Exception {
        SubjectIndex<String> idx = new SubjectIndex<>();
        List<Subscription<String>> subs = new ArrayList<>();
        for (String s : List.of("a", "a.b", "a.b.c", "a.*", "a.*.c", "a.>", ">", "*", "*.*.*", "x.y.z.w",
                "x.y.>", "p.q")) {
            subs.add(sub(s));
            subs.add(sub(s, "g"));
            subs.add(sub(s, "h"));
        }
        for (int i = 0; i < 200; i++) {
            subs.add(sub("many." + i + ".leaf"));
        }
        Collections.shuffle(subs, new Random(3));
        subs.forEach(idx::insert);
        assertThat(root(idx).isEmpty()).isFalse();
        Collections.shuffle(subs, new Random(4));
        for (Subscription<String> s : subs) {
            assertThat(idx.remove(s)).isTrue();
        }
        TrieNode<String> root = root(idx);
        assertThat(root.isEmpty()).as("root after removing everything").isTrue();
        assertThat(root.literals.size()).isZero();
        assertThat(root.star).isNull();
        assertThat(root.full).isNull();
        assertThat(idx.count()).isZero();
    }

    @Test
    void removePrunesOnlyDeadBranches() throws Exception {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> ab = sub("a.b");
        Subscription<String> abc = sub("a.b.c");
        Subscription<String> astar = sub("a.*.c");
        idx.insert(ab);
        idx.insert(abc);
        idx.insert(astar);
        idx.remove(abc);
        TrieNode<String> a = root(idx).literals.get(b("a"), 0, 1);
        assertThat(a).isNotNull();
        TrieNode<String> nodeB = a.literals.get(b("b"), 0, 1);
        assertThat(nodeB).as("a.b still has a sub").isNotNull();
        assertThat(nodeB.literals.size()).as("a.b.c pruned").isZero();
        assertThat(a.star).isNotNull();
        idx.remove(astar);
        assertThat(a.star).as("a.* pruned").isNull();
        idx.remove(ab);
        assertThat(root(idx).literals.size()).isZero();
    }

    // ---- cache -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4096})
    void cachedResultsSeeLaterInsertsAndRemovesOnTheSameThread(int cacheSize) {
        SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
        assertThat(match(idx, "foo.bar").plain()).isEmpty();
        assertThat(match(idx, "foo.bar").plain()).isEmpty(); // now cached
        Subscription<String> s = sub("foo.*");
        idx.insert(s);
        assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(s));
        assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(s));
        Subscription<String> q = sub("foo.bar", "q");
        idx.insert(q);
        assertThat(match(idx, "foo.bar").queues()).isEqualTo(Map.of("q", set(q)));
        idx.remove(s);
        assertThat(match(idx, "foo.bar").plain()).isEmpty();
        idx.remove(q);
        assertThat(match(idx, "foo.bar").queues()).isEmpty();
        // An unrelated change also invalidates (the generation is index-wide); results stay right.
        idx.insert(sub("unrelated"));
        assertThat(match(idx, "foo.bar").plain()).isEmpty();
    }

    @Test
    void cacheHitReturnsTheSameResultObject() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        idx.insert(sub("foo"));
        MatchResult<String> r1 = idx.match(b("foo"));
        MatchResult<String> r2 = idx.match(b("xfoo"), 1, 3);
        assertThat(r2).isSameAs(r1);
    }

    @Test
    void cacheCollisionsNeverReturnAnotherSubjectsResult() {
        // A 2-entry cache: many subjects share slots, so every lookup evicts or collides.
        SubjectIndex<String> idx = new SubjectIndex<>(2);
        Map<String, Subscription<String>> bySubject = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            Subscription<String> s = sub("s." + i);
            bySubject.put("s." + i, s);
            idx.insert(s);
        }
        Random r = new Random(9);
        for (int k = 0; k < 5000; k++) {
            int i = r.nextInt(60);
            Set<Subscription<String>> expected = i < 50 ? set(bySubject.get("s." + i)) : set();
            assertThat(match(idx, "s." + i).plain()).as("s.%d", i).isEqualTo(expected);
        }
    }

    @Test
    void cachedResultsOnAnotherThreadSeeInsertsAndRemoves() throws Exception {
        SubjectIndex<String> idx = new SubjectIndex<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            assertThat(reader.submit(() -> match(idx, "foo.bar")).get().plain()).isEmpty();
            assertThat(reader.submit(() -> match(idx, "foo.bar")).get().plain()).isEmpty(); // cached there
            Subscription<String> s = sub("foo.>");
            idx.insert(s); // on this thread
            assertThat(reader.submit(() -> match(idx, "foo.bar")).get().plain()).isEqualTo(set(s));
            assertThat(match(idx, "foo.bar").plain()).isEqualTo(set(s));
            idx.remove(s);
            assertThat(reader.submit(() -> match(idx, "foo.bar")).get().plain()).isEmpty();
            // And the other way round: the writer is the other thread.
            assertThat(match(idx, "x.y").plain()).isEmpty();
            Subscription<String> t = sub("x.*");
            reader.submit(() -> idx.insert(t)).get();
            assertThat(match(idx, "x.y").plain()).isEqualTo(set(t));
            reader.submit(() -> idx.remove(t)).get();
            assertThat(match(idx, "x.y").plain()).isEmpty();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void indexesDoNotShareCaches() {
        SubjectIndex<String> a = new SubjectIndex<>();
        SubjectIndex<String> b = new SubjectIndex<>();
        Subscription<String> s = sub("foo");
        a.insert(s);
        assertThat(match(a, "foo").plain()).isEqualTo(set(s));
        assertThat(match(b, "foo").plain()).isEmpty();
        // Same generation number in both indexes now: b's result must still be its own.
        b.insert(sub("other"));
        assertThat(b.generation()).isEqualTo(a.generation());
        assertThat(match(b, "foo").plain()).isEmpty();
        assertThat(match(a, "foo").plain()).isEqualTo(set(s));
    }

    // ---- randomized comparison with brute force --------------------------------------------------------------------

    private static final String[] ALPHABET = {"a", "b", "c", "d"};
    private static final String[] QUEUES = {"q1", "q2", "q3"};

    static String randomPattern(Random r) {
        int n = 1 + r.nextInt(4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append('.');
            }
            int x = r.nextInt(10);
            if (i == n - 1 && x == 0) {
                s.append('>');
            } else if (x <= 2) {
                s.append('*');
            } else {
                s.append(ALPHABET[r.nextInt(ALPHABET.length)]);
            }
        }
        return s.toString();
    }

    static String randomLiteral(Random r) {
        int n = 1 + r.nextInt(5);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 64, 4096})
    void randomizedAgainstBruteForce(int cacheSize) {
        for (long seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed * 31 + cacheSize);
            SubjectIndex<String> idx = new SubjectIndex<>(cacheSize);
            List<Subscription<String>> live = new ArrayList<>();
            for (int step = 0; step < 4000; step++) {
                int op = r.nextInt(10);
                if (op < 5 || live.isEmpty()) {
                    Subscription<String> s = sub(randomPattern(r), r.nextInt(3) == 0 ? QUEUES[r.nextInt(3)] : null);
                    idx.insert(s);
                    live.add(s);
                } else if (op < 8) {
                    Subscription<String> s = live.remove(r.nextInt(live.size()));
                    assertThat(idx.remove(s)).as("remove %s", s).isTrue();
                    assertThat(idx.remove(s)).as("remove %s again", s).isFalse();
                } else {
                    String subject = randomLiteral(r);
                    assertThat(match(idx, subject)).as("seed %d step %d subject %s", seed, step, subject)
                            .isEqualTo(bruteForce(live, subject));
                }
                assertThat(idx.count()).isEqualTo(live.size());
            }
            // Final sweep over every literal subject of up to 3 tokens.
            for (String subject : allLiterals(3)) {
                assertThat(match(idx, subject)).as("seed %d final %s", seed, subject)
                        .isEqualTo(bruteForce(live, subject));
            }
            // Remove everything: nothing matches and the trie is empty again.
            Collections.shuffle(live, r);
            for (Subscription<String> s : live) {
                assertThat(idx.remove(s)).isTrue();
            }
            for (String subject : allLiterals(3)) {
                assertThat(match(idx, subject).plain()).isEmpty();
                assertThat(match(idx, subject).queues()).isEmpty();
            }
        }
    }

    static List<String> allLiterals(int maxTokens) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("");
        for (int n = 1; n <= maxTokens; n++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (String t : ALPHABET) {
                    next.add(prefix.isEmpty() ? t : prefix + "." + t);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    // ---- concurrency -----------------------------------------------------------------------------------------------

    @Test
    @Timeout(60)
    void concurrentMatchesWhileInsertingAndRemoving() throws Exception {
        SubjectIndex<String> idx = new SubjectIndex<>(256);
        // Stable subs: present for the whole test, so every match must include them.
        List<Subscription<String>> stable = new ArrayList<>();
        Random setup = new Random(11);
        for (int i = 0; i < 300; i++) {
            Subscription<String> s = sub(randomPattern(setup), setup.nextInt(4) == 0 ? "sq" : null);
            stable.add(s);
            idx.insert(s);
        }
        List<String> subjects = allLiterals(3);
        int readers = 3;
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(readers + 1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Subscription<String>> churnLive = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            List<Future<?>> readerDone = new ArrayList<>();
            for (int t = 0; t < readers; t++) {
                int seed = t;
                readerDone.add(pool.submit(() -> {
                    Random r = new Random(100 + seed);
                    started.countDown();
                    long n = 0;
                    try {
                        while (!stop.get() || n < 10_000) {
                            String subject = subjects.get(r.nextInt(subjects.size()));
                            View v = match(idx, subject);
                            View stableOnly = bruteForce(stable, subject);
                            assertThat(v.plain()).containsAll(stableOnly.plain());
                            for (Map.Entry<String, Set<Subscription<String>>> e : stableOnly.queues().entrySet()) {
                                assertThat(v.queues().get(e.getKey())).containsAll(e.getValue());
                            }
                            n++;
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                Random r = new Random(7);
                List<Subscription<String>> mine = new ArrayList<>();
                started.countDown();
                try {
                    for (int i = 0; i < 20_000; i++) {
                        if (mine.isEmpty() || r.nextBoolean()) {
                            Subscription<String> s = sub(randomPattern(r), r.nextInt(4) == 0 ? "cq" : null);
                            idx.insert(s);
                            mine.add(s);
                        } else {
                            Subscription<String> s = mine.remove(r.nextInt(mine.size()));
                            if (!idx.remove(s)) {
                                throw new AssertionError("remove failed for " + s);
                            }
                        }
                    }
                    churnLive.addAll(mine);
                } catch (Throwable e) {
                    errors.add(e);
                }
                return null;
            });
            started.await();
            writer.get(50, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> f : readerDone) {
                f.get(50, TimeUnit.SECONDS);
            }
            assertThat(errors).isEmpty();

            // Final state, checked from every pool thread (each has its own cache, possibly stale if broken).
            List<Subscription<String>> all = new ArrayList<>(stable);
            all.addAll(churnLive);
            assertThat(idx.count()).isEqualTo(all.size());
            List<Future<?>> checks = new ArrayList<>();
            for (int t = 0; t < readers + 1; t++) {
                checks.add(pool.submit(() -> {
                    for (String subject : subjects) {
                        assertThat(match(idx, subject)).as(subject).isEqualTo(bruteForce(all, subject));
                    }
                    return null;
                }));
            }
            for (Future<?> f : checks) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void subscriptionIdentityIsPreservedNotCopied() {
        SubjectIndex<String> idx = new SubjectIndex<>();
        Subscription<String> s = sub("foo");
        idx.insert(s);
        Subscription<String> got = idx.match(b("foo")).plain()[0];
        assertThat(got).isSameAs(s);
        assertThat(got.subjectString()).isEqualTo("foo");
    }
}
