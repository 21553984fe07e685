package io.jnatsd.jetstream.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the file and the memory store share: the {@link SequenceIndex}, the limits and the purge rules. Subclasses
 * keep the message bytes (in memory, or in segment files) and are told of each write and removal under the lock.
 */
abstract class IndexedStore implements StreamStore {
    protected final ReentrantLock lock = new ReentrantLock();
    protected final SequenceIndex index = new SequenceIndex();
    private StoreLimits limits;

    IndexedStore(StoreLimits limits) {
        this.limits = limits;
    }

    /** Keeps the message's bytes; returns the value the index keeps for it ({@code aux}). */
    protected abstract long write(long seq, String subject, byte[] headers, byte[] data, long timestampNanos);

    protected abstract StoredMessage read(long seq, long aux);

    /** The message at {@code seq} was removed from the index. */
    protected abstract void removed(long seq, long aux, boolean erase);

    /** Everything up to {@code nextSeq - 1} was purged at once. */
    protected abstract void purgedAll(long nextSeq);

    /** Hands buffered writes to the OS; called under the lock after each change other than a store. */
    protected void flushLocked() {
    }

    @Override
    public void flushWrites() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long store(String subject, byte[] headers, byte[] data, long timestampNanos) {
        lock.lock();
        try {
            StoreLimits l = limits;
            if (l.maxMsgSize() >= 0 && headers.length + data.length > l.maxMsgSize()) {
                throw new StoreFullException(StoreFullException.MAX_MSG_SIZE);
            }
            int size = (int) StoredSize.of(subject.length(), headers.length, data.length);
            if (l.discardNew()) {
                if (l.maxMsgs() > 0 && index.msgs() >= l.maxMsgs()) {
                    throw new StoreFullException(StoreFullException.MAX_MSGS);
                }
                if (l.maxBytes() > 0 && index.bytes() + size > l.maxBytes()) {
                    throw new StoreFullException(StoreFullException.MAX_BYTES);
                }
                if (l.discardNewPerSubject() && l.maxMsgsPerSubject() > 0) {
                    SubjectState s = index.subjectState(subject);
                    if (s != null && s.count >= l.maxMsgsPerSubject()) {
                        throw new StoreFullException(StoreFullException.MAX_MSGS_PER_SUBJECT);
                    }
                }
            }
            long seq = index.lastSeq() + 1;
            long aux = write(seq, subject, headers, data, timestampNanos);
            index.add(seq, subject, size, timestampNanos, aux);
            enforce(l, subject);
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the oldest messages over the limits (after a store of {@code subject}, or null for all subjects). */
    private void enforce(StoreLimits l, String subject) {
        if (l.maxMsgsPerSubject() > 0) {
            if (subject != null) {
                trimSubject(subject, l.maxMsgsPerSubject());
            } else {
                for (String s : List.copyOf(index.subjectStates().keySet())) {
                    trimSubject(s, l.maxMsgsPerSubject());
                }
            }
        }
        while (l.maxMsgs() > 0 && index.msgs() > l.maxMsgs()) {
            removeLocked(index.firstSeq(), false);
        }
        while (l.maxBytes() > 0 && index.bytes() > l.maxBytes() && index.msgs() > 0) {
            removeLocked(index.firstSeq(), false);
        }
    }

    private void trimSubject(String subject, long max) {
        SubjectState s = index.subjectState(subject);
        while (s != null && s.count > max) {
            removeLocked(s.first, false);
        }
    }

    @Override
    public StoredMessage load(long seq) {
        lock.lock();
        try {
            return index.contains(seq) ? read(seq, index.aux(seq)) : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StoredMessage loadNextMatching(String filter, long fromSeq) {
        lock.lock();
        try {
            long from = Math.max(fromSeq, index.firstSeq());
            long to = index.lastSeq();
            if (SubjectFilter.isLiteral(filter)) {
                SubjectState s = index.subjectState(filter);
                if (s == null || s.last < from) {
                    return null;
                }
                from = Math.max(from, s.first);
                to = s.last;
            }
            for (long q = from; q <= to; q++) {
                if (index.contains(q) && SubjectFilter.matches(filter, index.subject(q))) {
                    return read(q, index.aux(q));
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countMatching(String filter, long fromSeq) {
        lock.lock();
        try {
            long from = Math.max(fromSeq, index.firstSeq());
            long to = index.lastSeq();
            if (from > to) {
                return 0;
            }
            if (filter == null || filter.equals(">")) {
                return countLive(from, to);
            } else if (SubjectFilter.isLiteral(filter)) {
                SubjectState s = index.subjectState(filter);
                if (s == null || s.last < from) {
                    return 0;
                }
                if (from <= s.first) {
                    return s.count;
                }
                from = Math.max(from, s.first);
                to = s.last;
            }
            long n = 0;
            for (long q = from; q <= to; q++) {
                if (index.contains(q) && SubjectFilter.matches(filter, index.subject(q))) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Live messages in [from, to] (to = last): arithmetic without gaps, else a scan of the shorter side. A consumer
     * asks this per delivery, so the old full scan from its position made a pull of N messages cost O(N^2).
     */
    private long countLive(long from, long to) {
        long first = index.firstSeq();
        long msgs = index.msgs();
        if (from <= first) {
            return msgs;
        }
        long gaps = (to - first + 1) - msgs;
        if (gaps == 0) {
            return to - from + 1;
        }
        if (from - first <= to - from) {
            long below = 0;
            for (long q = first; q < from; q++) {
                if (index.contains(q)) {
                    below++;
                }
            }
            return msgs - below;
        }
        long n = 0;
        for (long q = from; q <= to; q++) {
            if (index.contains(q)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public StoredMessage loadLastBySubject(String subject) {
        lock.lock();
        try {
            SubjectState s = index.subjectState(subject);
            return s == null ? null : read(s.last, index.aux(s.last));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(long seq, boolean erase) {
        lock.lock();
        try {
            boolean removed = removeLocked(seq, erase);
            flushLocked(); // a removal that is answered must survive a crash of this process
            return removed;
        } finally {
            lock.unlock();
        }
    }

    private boolean removeLocked(long seq, boolean erase) {
        if (!index.contains(seq)) {
            return false;
        }
        long aux = index.aux(seq);
        index.remove(seq);
        removed(seq, aux, erase);
        return true;
    }

    @Override
    public long purge(String filter, long beforeSeq, long keep) {
        lock.lock();
        try {
            long last = index.lastSeq();
            if (filter == null && beforeSeq <= 0 && keep <= 0) {
                long n = index.msgs();
                index.resetTo(last + 1);
                purgedAll(last + 1);
                flushLocked();
                return n;
            }
            long to = beforeSeq > 0 ? Math.min(last, beforeSeq - 1) : last;
            List<Long> matching = new ArrayList<>();
            for (long q = index.firstSeq(); q <= to; q++) {
                if (index.contains(q) && SubjectFilter.matches(filter, index.subject(q))) {
                    matching.add(q);
                }
            }
            int remove = (int) Math.max(0, matching.size() - Math.max(0, keep));
            for (int i = 0; i < remove; i++) {
                removeLocked(matching.get(i), false);
            }
            flushLocked();
            return remove;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void startAt(long seq) {
        lock.lock();
        try {
            if (index.lastSeq() == 0 && index.msgs() == 0 && seq > 1) {
                index.resetTo(seq);
                purgedAll(seq);
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> deletedSequences() {
        lock.lock();
        try {
            List<Long> out = new ArrayList<>();
            if (index.msgs() > 0) {
                for (long q = index.firstSeq(); q <= index.lastSeq(); q++) {
                    if (!index.contains(q)) {
                        out.add(q);
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void limits(StoreLimits newLimits) {
        lock.lock();
        try {
            limits = newLimits;
            enforce(newLimits, null);
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    protected StoreLimits currentLimits() {
        return limits;
    }

    @Override
    public void expireOld(long nowNanos) {
        lock.lock();
        try {
            long maxAge = limits.maxAge().toNanos();
            if (maxAge <= 0) {
                return;
            }
            while (index.msgs() > 0 && nowNanos - index.time(index.firstSeq()) >= maxAge) {
                removeLocked(index.firstSeq(), false);
            }
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long bytes() {
        lock.lock();
        try {
            return index.bytes();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StreamState state() {
        lock.lock();
        try {
            long msgs = index.msgs();
            long first = index.firstSeq();
            long last = index.lastSeq();
            long deleted = msgs == 0 ? 0 : (last - first + 1) - msgs;
            return new StreamState(msgs, index.bytes(), first, msgs == 0 ? 0 : index.time(first), last,
                    index.lastTime(), index.numSubjects(), deleted);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> subjects(String filter) {
        lock.lock();
        try {
            Map<String, Long> out = new TreeMap<>();
            for (SubjectState s : index.subjectStates().values()) {
                if (SubjectFilter.matches(filter, s.subject)) {
                    out.put(s.subject, s.count);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }
}
