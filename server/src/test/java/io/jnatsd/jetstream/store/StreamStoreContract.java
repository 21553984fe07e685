package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link StreamStore} must do; run against the memory and the file store. */
abstract class StreamStoreContract {
    private static final byte[] NONE = new byte[0];
    private StreamStore store;

    protected abstract StreamStore create(StoreLimits limits);

    protected StreamStore open(StoreLimits limits) {
        store = create(limits);
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long put(StreamStore s, String subject, String data) {
        return s.store(subject, NONE, bytes(data), System.nanoTime());
    }

    @Test
    void sequencesGrowByOneAndMessagesComeBackAsStored() {
        StreamStore s = open(StoreLimits.NONE);
        assertThat(s.store("a.b", bytes("NATS/1.0\r\nX: 1\r\n\r\n"), bytes("one"), 100)).isEqualTo(1);
        assertThat(put(s, "a.c", "two")).isEqualTo(2);
        StoredMessage m = s.load(1);
        assertThat(m.seq()).isEqualTo(1);
        assertThat(m.subject()).isEqualTo("a.b");
        assertThat(new String(m.headers(), StandardCharsets.UTF_8)).isEqualTo("NATS/1.0\r\nX: 1\r\n\r\n");
        assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(m.timestampNanos()).isEqualTo(100);
        assertThat(s.load(3)).isNull();
        StreamState st = s.state();
        assertThat(st.msgs()).isEqualTo(2);
        assertThat(st.firstSeq()).isEqualTo(1);
        assertThat(st.lastSeq()).isEqualTo(2);
        assertThat(st.numSubjects()).isEqualTo(2);
        assertThat(st.bytes()).isEqualTo(m.size() + s.load(2).size());
    }

    @Test
    void removingLeavesAGapAndMovesTheFirstSequence() {
        StreamStore s = open(StoreLimits.NONE);
        for (int i = 1; i <= 5; i++) {
            put(s, "s." + i, "m" + i);
        }
        assertThat(s.remove(3, false)).isTrue();
        assertThat(s.remove(3, false)).isFalse();
        assertThat(s.load(3)).isNull();
        assertThat(s.state().numDeleted()).isEqualTo(1);
        s.remove(1, true);
        s.remove(2, false);
        StreamState st = s.state();
        assertThat(st.firstSeq()).isEqualTo(4);
        assertThat(st.msgs()).isEqualTo(2);
        assertThat(st.numDeleted()).isZero();
        assertThat(put(s, "s.6", "m6")).as("sequences are never reused").isEqualTo(6);
    }

    @Test
    void filteredLookups() {
        StreamStore s = open(StoreLimits.NONE);
        put(s, "orders.new", "1");
        put(s, "orders.old", "2");
        put(s, "audit", "3");
        put(s, "orders.new", "4");
        assertThat(s.loadNextMatching("orders.*", 2).seq()).isEqualTo(2);
        assertThat(s.loadNextMatching("orders.new", 2).seq()).isEqualTo(4);
        assertThat(s.loadNextMatching(">", 3).seq()).isEqualTo(3);
        assertThat(s.loadNextMatching("nothing", 1)).isNull();
        assertThat(s.loadLastBySubject("orders.new").seq()).isEqualTo(4);
        assertThat(s.loadLastBySubject("orders.gone")).isNull();
        assertThat(s.subjects("orders.>")).isEqualTo(Map.of("orders.new", 2L, "orders.old", 1L));
        s.remove(4, false);
        assertThat(s.loadLastBySubject("orders.new").seq()).isEqualTo(1);
    }

    @Test
    void countMatchingFromASequenceWithAndWithoutGaps() {
        StreamStore s = open(StoreLimits.NONE);
        for (int i = 1; i <= 10; i++) {
            put(s, i % 2 == 0 ? "a.even" : "a.odd", "m" + i);
        }
        assertThat(s.countMatching(null, 1)).isEqualTo(10);
        assertThat(s.countMatching(null, 4)).isEqualTo(7);
        assertThat(s.countMatching(">", 10)).isEqualTo(1);
        assertThat(s.countMatching(null, 11)).isZero();
        s.remove(1, false); // first moves
        s.remove(3, false); // gap near the start: the shorter side is below
        s.remove(9, false); // gap near the end: the shorter side is above
        assertThat(s.countMatching(null, 1)).isEqualTo(7);
        assertThat(s.countMatching(null, 4)).isEqualTo(6);
        assertThat(s.countMatching(null, 8)).isEqualTo(2);
        assertThat(s.countMatching(">", 9)).isEqualTo(1);
        assertThat(s.countMatching("a.odd", 2)).isEqualTo(2); // 5 and 7
        assertThat(s.countMatching("a.*", 5)).isEqualTo(5);
    }

    @Test
    void discardOldRemovesTheOldestOverEachLimit() {
        StreamStore s = open(StoreLimits.NONE.withMaxMsgs(3));
        for (int i = 1; i <= 5; i++) {
            put(s, "x", "m" + i);
        }
        assertThat(s.state().firstSeq()).isEqualTo(3);
        assertThat(s.state().msgs()).isEqualTo(3);
        s.limits(StoreLimits.NONE.withMaxMsgsPerSubject(1));
        put(s, "y", "a");
        put(s, "y", "b");
        assertThat(s.subjects(">")).isEqualTo(Map.of("x", 1L, "y", 1L));
        assertThat(new String(s.loadLastBySubject("y").data(), StandardCharsets.UTF_8)).isEqualTo("b");
        long one = s.load(s.state().firstSeq()).size();
        s.limits(StoreLimits.NONE.withMaxBytes(one));
        assertThat(s.state().msgs()).isEqualTo(1);
    }

    @Test
    void discardNewRefusesWithNatsServersWords() {
        StreamStore s = open(StoreLimits.NONE.withMaxMsgs(2).withDiscardNew(true, false));
        put(s, "x", "1");
        put(s, "x", "2");
        assertThatThrownBy(() -> put(s, "x", "3")).isInstanceOf(StoreFullException.class)
                .hasMessage("maximum messages exceeded");
        assertThat(s.state().lastSeq()).isEqualTo(2);
        s.limits(StoreLimits.NONE.withMaxMsgsPerSubject(1).withDiscardNew(true, true));
        assertThatThrownBy(() -> put(s, "x", "3")).hasMessage("maximum messages per subject exceeded");
        s.limits(StoreLimits.NONE.withMaxMsgSize(3));
        assertThatThrownBy(() -> put(s, "y", "four")).hasMessage("message size exceeds maximum allowed");
        s.limits(StoreLimits.NONE.withMaxBytes(10).withDiscardNew(true, false));
        assertThatThrownBy(() -> put(s, "y", "z")).hasMessage("maximum bytes exceeded");
    }

    @Test
    void purgeAllFilteredUpToASequenceAndKeeping() {
        StreamStore s = open(StoreLimits.NONE);
        for (int i = 1; i <= 6; i++) {
            put(s, i % 2 == 0 ? "even" : "odd", Integer.toString(i));
        }
        assertThat(s.purge("even", 0, 1)).isEqualTo(2);
        assertThat(s.subjects("even")).isEqualTo(Map.of("even", 1L));
        assertThat(s.purge(null, 4, 0)).as("below sequence 4").isEqualTo(2);
        assertThat(s.state().firstSeq()).isEqualTo(5);
        assertThat(s.purge(null, 0, 0)).isEqualTo(2);
        StreamState st = s.state();
        assertThat(st.msgs()).isZero();
        assertThat(st.firstSeq()).isEqualTo(7);
        assertThat(st.lastSeq()).isEqualTo(6);
        assertThat(put(s, "odd", "7")).isEqualTo(7);
    }

    @Test
    void maxAgeExpiresOldMessages() {
        StreamStore s = open(StoreLimits.NONE.withMaxAge(Duration.ofSeconds(1)));
        s.store("a", NONE, bytes("old"), 1_000_000_000L);
        s.store("a", NONE, bytes("new"), 3_000_000_000L);
        s.expireOld(3_500_000_000L);
        assertThat(s.state().firstSeq()).isEqualTo(2);
        assertThat(s.state().msgs()).isEqualTo(1);
    }

    @Test
    void manyMessagesAndRemovalsKeepTheCountsRight() {
        StreamStore s = open(StoreLimits.NONE);
        for (int i = 1; i <= 5000; i++) {
            put(s, "k." + (i % 7), "payload-" + i);
        }
        for (long q = 1; q <= 5000; q += 3) {
            s.remove(q, false);
        }
        StreamState st = s.state();
        assertThat(st.msgs()).isEqualTo(5000 - 1667);
        assertThat(st.firstSeq()).isEqualTo(2);
        long counted = s.subjects(">").values().stream().mapToLong(Long::longValue).sum();
        assertThat(counted).isEqualTo(st.msgs());
        assertThat(s.load(4999)).as("1 + 3k: removed").isNull();
        assertThat(new String(s.load(4998).data(), StandardCharsets.UTF_8)).isEqualTo("payload-4998");
    }
}
