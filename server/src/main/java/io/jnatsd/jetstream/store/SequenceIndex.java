package io.jnatsd.jetstream.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Where every message of a store is, by sequence, in parallel arrays indexed by {@code seq - base} (sequences are
 * dense, so no map and no object per message): its subject's {@link SubjectState} (null = removed), size, time and
 * a store-specific {@code aux} (the file store's record position). Keeps the totals and per-subject counts that
 * STREAM.INFO and the limits need. Not thread-safe: the store's lock guards it.
 */
final class SequenceIndex {
    private static final int INITIAL = 1024;

    private SubjectState[] subjects = new SubjectState[INITIAL];
    private int[] sizes = new int[INITIAL];
    private long[] times = new long[INITIAL];
    private long[] aux = new long[INITIAL];
    /** Sequence of slot 0. */
    private long base = 1;
    /** Slots in use: sequences base .. base + used - 1. */
    private int used;

    private final Map<String, SubjectState> bySubject = new HashMap<>();
    private long msgs;
    private long bytes;
    private long firstSeq = 1;
    private long lastSeq;
    private long lastTime;

    long msgs() {
        return msgs;
    }

    long bytes() {
        return bytes;
    }

    /** The first present sequence; lastSeq + 1 when empty. */
    long firstSeq() {
        return msgs == 0 ? lastSeq + 1 : firstSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    long lastTime() {
        return lastTime;
    }

    /** Restores the last-message time recorded with a tombstone or purge marker. */
    void lastTime(long t) {
        lastTime = t;
    }

    /** Starts an empty store at {@code seq} (a purge of everything, or a stream's first_seq). */
    void resetTo(long nextSeq) {
        subjects = new SubjectState[INITIAL];
        sizes = new int[INITIAL];
        times = new long[INITIAL];
        aux = new long[INITIAL];
        base = nextSeq;
        used = 0;
        bySubject.clear();
        msgs = 0;
        bytes = 0;
        firstSeq = nextSeq;
        lastSeq = nextSeq - 1;
    }

    /** Records a message at {@code seq} (which must be above every sequence so far). */
    void add(long seq, String subject, int size, long time, long auxValue) {
        if (msgs == 0) {
            if (seq - base >= used) {
                // Empty: restart the arrays at this sequence instead of carrying a run of removed slots.
                base = seq;
                used = 0;
            }
            firstSeq = seq;
        }
        int slot = slotFor(seq);
        SubjectState s = bySubject.computeIfAbsent(subject, SubjectState::new);
        if (s.count == 0) {
            s.first = seq;
        }
        s.count++;
        s.last = seq;
        subjects[slot] = s;
        sizes[slot] = size;
        times[slot] = time;
        aux[slot] = auxValue;
        msgs++;
        bytes += size;
        lastSeq = seq;
        lastTime = time;
    }

    /** Moves the last sequence without a message (a tombstone or purge marker read back from disk). */
    void observe(long seq) {
        if (seq > lastSeq) {
            lastSeq = seq;
            if (msgs == 0) {
                firstSeq = seq + 1;
            }
        }
    }

    private int slotFor(long seq) {
        long off = seq - base;
        if (off >= subjects.length) {
            compactOrGrow(off);
            off = seq - base;
        }
        // Sequences in between (never stored here) stay null: removed.
        used = (int) Math.max(used, off + 1);
        return (int) off;
    }

    private void compactOrGrow(long needed) {
        // Drop the removed slots before the first present message, then grow if still short.
        long drop = Math.max(0, Math.min(firstSeq(), base + used) - base);
        if (drop > 0) {
            int keep = used - (int) drop;
            System.arraycopy(subjects, (int) drop, subjects, 0, keep);
            System.arraycopy(sizes, (int) drop, sizes, 0, keep);
            System.arraycopy(times, (int) drop, times, 0, keep);
            System.arraycopy(aux, (int) drop, aux, 0, keep);
            java.util.Arrays.fill(subjects, keep, used, null);
            base += drop;
            used = keep;
            needed -= drop;
        }
        if (needed >= subjects.length) {
            int cap = subjects.length;
            while (cap <= needed) {
                cap *= 2;
            }
            subjects = java.util.Arrays.copyOf(subjects, cap);
            sizes = java.util.Arrays.copyOf(sizes, cap);
            times = java.util.Arrays.copyOf(times, cap);
            aux = java.util.Arrays.copyOf(aux, cap);
        }
    }

    boolean contains(long seq) {
        long off = seq - base;
        return off >= 0 && off < used && subjects[(int) off] != null;
    }

    String subject(long seq) {
        return subjects[(int) (seq - base)].subject;
    }

    long time(long seq) {
        return times[(int) (seq - base)];
    }

    int size(long seq) {
        return sizes[(int) (seq - base)];
    }

    long aux(long seq) {
        return aux[(int) (seq - base)];
    }

    void aux(long seq, long v) {
        aux[(int) (seq - base)] = v;
    }

    /** Forgets the message at {@code seq}; false when it was not there. */
    boolean remove(long seq) {
        if (!contains(seq)) {
            return false;
        }
        int slot = (int) (seq - base);
        SubjectState s = subjects[slot];
        subjects[slot] = null;
        msgs--;
        bytes -= sizes[slot];
        s.count--;
        if (s.count == 0) {
            bySubject.remove(s.subject);
        } else if (seq == s.first) {
            s.first = nextOf(s, seq + 1);
        } else if (seq == s.last) {
            s.last = previousOf(s, seq - 1);
        }
        if (seq == firstSeq && msgs > 0) {
            long next = seq + 1;
            while (!contains(next)) {
                next++;
            }
            firstSeq = next;
        }
        return true;
    }

    private long nextOf(SubjectState s, long from) {
        for (long q = from; q <= lastSeq; q++) {
            if (contains(q) && subjects[(int) (q - base)] == s) {
                return q;
            }
        }
        return 0;
    }

    private long previousOf(SubjectState s, long from) {
        for (long q = from; q >= base; q--) {
            if (contains(q) && subjects[(int) (q - base)] == s) {
                return q;
            }
        }
        return 0;
    }

    SubjectState subjectState(String subject) {
        return bySubject.get(subject);
    }

    Map<String, SubjectState> subjectStates() {
        return bySubject;
    }

    long numSubjects() {
        return bySubject.size();
    }
}
