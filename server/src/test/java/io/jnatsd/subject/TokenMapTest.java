package io.jnatsd.subject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-addressing token map against a HashMap, with probe chains made long on purpose. */
class TokenMapTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Integer get(TokenMap<Integer> m, String key) {
        // Look the key up from the middle of a larger array, as the trie does with a published subject.
        byte[] buf = b("..." + key + "...");
        return m.get(buf, 3, buf.length - 6);
    }

    static void put(TokenMap<Integer> m, String key, int v) {
        byte[] buf = b("#" + key + "##");
        m.put(buf, 1, buf.length - 3, v);
        buf[1 % buf.length] = 'Z'; // the map must have copied the key
    }

    static void remove(TokenMap<Integer> m, String key) {
        byte[] buf = b("xx" + key);
        m.remove(buf, 2, buf.length - 2);
    }

    static void assertSame(TokenMap<Integer> m, Map<String, Integer> ref, List<String> universe, String ctx) {
        assertThat(m.size()).as("size %s", ctx).isEqualTo(ref.size());
        for (String k : universe) {
            assertThat(get(m, k)).as("get(%s) %s", k, ctx).isEqualTo(ref.get(k));
        }
    }

    /** The map's slots are the hash's low bits: keys equal there share one probe run in any map up to 4096 slots. */
    private static final int SLOT_BITS = 0xFFF;

    /**
     * {@code 2^blocks} distinct short keys whose hashes agree in the low 12 bits, found by search (deterministic:
     * candidates are the base-36 numbers in order), so they all land in one probe run.
     */
    static List<String> collidingKeys(int blocks) {
        int wanted = 1 << blocks;
        Map<Integer, List<String>> bySlot = new HashMap<>();
        for (int i = 0; ; i++) {
            String k = "k" + Integer.toString(i, 36);
            List<String> same = bySlot.computeIfAbsent(TokenMap.hash(b(k), 0, k.length()) & SLOT_BITS,
                    x -> new ArrayList<>());
            same.add(k);
            if (same.size() == wanted) {
                return same;
            }
        }
    }

    @Test
    void collidingKeysReallyCollide() {
        List<String> keys = collidingKeys(4);
        assertThat(keys).hasSize(16).doesNotHaveDuplicates();
        int slot = TokenMap.hash(b(keys.get(0)), 0, keys.get(0).length()) & SLOT_BITS;
        for (String k : keys) {
            assertThat(TokenMap.hash(b(k), 0, k.length()) & SLOT_BITS).isEqualTo(slot);
        }
    }

    @Test
    void basicPutGetRemove() {
        TokenMap<Integer> m = new TokenMap<>();
        assertThat(get(m, "a")).isNull();
        put(m, "a", 1);
        put(m, "bb", 2);
        put(m, "", 3); // an empty token is a key like any other
        assertThat(get(m, "a")).isEqualTo(1);
        assertThat(get(m, "bb")).isEqualTo(2);
        assertThat(get(m, "")).isEqualTo(3);
        assertThat(get(m, "b")).isNull();
        assertThat(get(m, "bbb")).isNull();
        assertThat(m.size()).isEqualTo(3);
        put(m, "a", 10);
        assertThat(get(m, "a")).isEqualTo(10);
        assertThat(m.size()).as("replace does not grow").isEqualTo(3);
        remove(m, "a");
        remove(m, "a");
        remove(m, "zzz");
        assertThat(get(m, "a")).isNull();
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void removingFromTheMiddleOfAProbeRunKeepsTheRestReachable() {
        List<String> keys = collidingKeys(3); // 8 keys, one probe run
        for (int victim = 0; victim < keys.size(); victim++) {
            TokenMap<Integer> m = new TokenMap<>();
            Map<String, Integer> ref = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                put(m, keys.get(i), i);
                ref.put(keys.get(i), i);
            }
            remove(m, keys.get(victim));
            ref.remove(keys.get(victim));
            assertSame(m, ref, keys, "after removing #" + victim);
            put(m, keys.get(victim), 100 + victim);
            ref.put(keys.get(victim), 100 + victim);
            assertSame(m, ref, keys, "after re-inserting #" + victim);
        }
    }

    @Test
    void randomOperationsAgainstHashMap() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            // A small universe so keys are removed and re-inserted often; mixed with colliding keys and
            // short keys whose hashes land next to each other (long, overlapping probe runs, wrap-around).
            List<String> universe = new ArrayList<>(collidingKeys(5));
            for (int i = 0; i < 64; i++) {
                universe.add(Integer.toString(i, 36));
            }
            universe.add("");
            universe.add("日本");
            TokenMap<Integer> m = new TokenMap<>();
            Map<String, Integer> ref = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                String k = universe.get(r.nextInt(universe.size()));
                int op = r.nextInt(100);
                // Phases that drift from growing to shrinking, so both resizes happen.
                boolean growing = (step / 2000) % 2 == 0;
                if (op < (growing ? 60 : 25)) {
                    put(m, k, step);
                    ref.put(k, step);
                } else if (op < 95) {
                    remove(m, k);
                    ref.remove(k);
                } else {
                    assertThat(get(m, k)).as("seed %d step %d get %s", seed, step, k).isEqualTo(ref.get(k));
                }
                assertThat(m.size()).as("seed %d step %d size", seed, step).isEqualTo(ref.size());
                if (step % 97 == 0) {
                    assertSame(m, ref, universe, "seed " + seed + " step " + step);
                }
            }
            assertSame(m, ref, universe, "seed " + seed + " end");
            for (String k : universe) {
                remove(m, k);
            }
            assertThat(m.size()).isZero();
            for (String k : universe) {
                assertThat(get(m, k)).isNull();
            }
        }
    }

    @Test
    void growAndShrinkManyTimes() {
        TokenMap<Integer> m = new TokenMap<>();
        Map<String, Integer> ref = new HashMap<>();
        List<String> universe = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            universe.add("k" + i);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < universe.size(); i++) {
                put(m, universe.get(i), i + round);
                ref.put(universe.get(i), i + round);
            }
            assertSame(m, ref, universe, "full, round " + round);
            for (int i = 0; i < universe.size(); i += 1 + round) {
                remove(m, universe.get(i));
                ref.remove(universe.get(i));
            }
            assertSame(m, ref, universe, "thinned, round " + round);
            for (String k : universe) {
                remove(m, k);
                ref.remove(k);
            }
            assertSame(m, ref, universe, "empty, round " + round);
        }
    }
}
