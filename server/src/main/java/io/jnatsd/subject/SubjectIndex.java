package io.jnatsd.subject;

import io.netty.util.concurrent.FastThreadLocal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The subject index of one account: a trie of subject tokens with '*' and '>' branches, each node holding plain
 * subscriptions and queue groups, fronted by a per-thread {@link MatchCache}.
 *
 * <p>Concurrency: the trie is guarded by a read/write lock; inserts and removes take the write lock and bump
 * {@link #generation}. A lookup first probes the calling thread's own cache (no shared writes, no lock), which holds
 * results stamped with the generation they were computed at; only a miss takes the read lock. So publishing to a
 * literal subject costs one volatile read and one hash probe, whatever the number of subscriptions.
 */
public final class SubjectIndex<C> {
    private static final int DEFAULT_CACHE_SIZE = 4096;

    private final TrieNode<C> root = new TrieNode<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long generation;
    private int count;
    private final boolean cacheEnabled;
    private final FastThreadLocal<MatchCache<C>> caches;
    /** Every thread's cache, for {@link #stats()}. */
    private final ConcurrentLinkedQueue<WeakReference<MatchCache<C>>> allCaches = new ConcurrentLinkedQueue<>();
    /** Guarded by the write lock, like {@link #count}. */
    private long inserts;
    private long removes;
    /** Null unless the server has routes: then told of each change (cold path: subscribe and unsubscribe only). */
    private volatile InterestListener<C> listener;

    public SubjectIndex() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** @param cacheSize entries per thread, rounded up to a power of two; 0 disables the cache */
    public SubjectIndex(int cacheSize) {
        cacheEnabled = cacheSize > 0;
        int size = Integer.highestOneBit(Math.max(1, cacheSize - 1)) << 1;
        caches = new FastThreadLocal<>() {
            @Override
            protected MatchCache<C> initialValue() {
                MatchCache<C> c = new MatchCache<>(size);
                allCaches.add(new WeakReference<>(c)); // for stats(); weak, so a dead thread's cache can go
                return c;
            }
        };
    }

    public int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Sets who is told of changes from now on, and returns the subscriptions present now (read under the same lock,
     * so none is missed or told twice).
     */
    public List<Subscription<C>> listen(InterestListener<C> l) {
        lock.writeLock().lock();
        try {
            listener = l;
            List<Subscription<C>> all = new ArrayList<>();
            collect(root, all);
            return all;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static <C> void collect(TrieNode<C> node, List<Subscription<C>> into) {
        node.plain.forEach(into::add);
        if (node.queues != null) {
            for (SubList<C> q : node.queues.values()) {
                q.forEach(into::add);
            }
        }
        node.literals.forEach(child -> collect(child, into));
        if (node.star != null) {
            collect(node.star, into);
        }
        if (node.full != null) {
            collect(node.full, into);
        }
    }

    /** Changes every time a subscription is added or removed. */
    public long generation() {
        return generation;
    }

    public void insert(Subscription<C> sub) {
        byte[] s = sub.subject();
        lock.writeLock().lock();
        try {
            TrieNode<C> node = root;
            int start = 0;
            for (int i = 0; i <= s.length; i++) {
                if (i == s.length || s[i] == '.') {
                    node = child(node, s, start, i - start);
                    start = i + 1;
                }
            }
            if (sub.queue() == null) {
                node.plain.add(sub);
            } else {
                node.queue(sub.queue(), true).add(sub);
            }
            count++;
            inserts++;
            generation++;
            InterestListener<C> l = listener;
            if (l != null) {
                l.added(sub);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static <C> TrieNode<C> child(TrieNode<C> node, byte[] s, int off, int len) {
        if (len == 1 && s[off] == '*') {
            if (node.star == null) {
                node.star = new TrieNode<>();
            }
            return node.star;
        }
        if (len == 1 && s[off] == '>') {
            if (node.full == null) {
                node.full = new TrieNode<>();
            }
            return node.full;
        }
        TrieNode<C> c = node.literals.get(s, off, len);
        if (c == null) {
            c = new TrieNode<>();
            node.literals.put(s, off, len, c);
        }
        return c;
    }

    /** @return true if the subscription was in the index */
    public boolean remove(Subscription<C> sub) {
        lock.writeLock().lock();
        try {
            boolean removed = removeFrom(root, sub, sub.subject(), 0);
            if (removed) {
                count--;
                removes++;
                generation++;
                InterestListener<C> l = listener;
                if (l != null) {
                    l.removed(sub);
                }
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeFrom(TrieNode<C> node, Subscription<C> sub, byte[] s, int start) {
        if (start > s.length) {
            if (sub.queue() == null) {
                return node.plain.remove(sub);
            }
            SubList<C> q = node.queue(sub.queue(), false);
            if (q == null || !q.remove(sub)) {
                return false;
            }
            if (q.isEmpty()) {
                node.queues.remove(sub.queue());
            }
            return true;
        }
        int end = start;
        while (end < s.length && s[end] != '.') {
            end++;
        }
        int len = end - start;
        TrieNode<C> next;
        if (len == 1 && s[start] == '*') {
            next = node.star;
        } else if (len == 1 && s[start] == '>') {
            next = node.full;
        } else {
            next = node.literals.get(s, start, len);
        }
        if (next == null || !removeFrom(next, sub, s, end + 1)) {
            return false;
        }
        if (next.isEmpty()) { // prune so the trie does not keep dead branches
            if (next == node.star) {
                node.star = null;
            } else if (next == node.full) {
                node.full = null;
            } else {
                node.literals.remove(s, start, len);
            }
        }
        return true;
    }

    /** Matches a published (literal) subject; the result is shared and must not be modified. */
    public MatchResult<C> match(byte[] subject, int off, int len) {
        if (!cacheEnabled) {
            return matchLocked(subject, off, len);
        }
        MatchCache<C> cache = caches.get();
        long gen = generation;
        int h = TokenMap.hash(subject, off, len);
        MatchResult<C> r = cache.get(subject, off, len, h, gen);
        cache.matches++;
        if (r != null) {
            cache.hits++;
            return r;
        }
        lock.readLock().lock();
        try {
            gen = generation; // stable while we hold the read lock
            r = matchTrie(subject, off, len);
        } finally {
            lock.readLock().unlock();
        }
        cache.put(subject, off, len, h, gen, r);
        return r;
    }

    public MatchResult<C> match(byte[] subject) {
        return match(subject, 0, subject.length);
    }

    private MatchResult<C> matchLocked(byte[] subject, int off, int len) {
        lock.readLock().lock();
        try {
            return matchTrie(subject, off, len);
        } finally {
            lock.readLock().unlock();
        }
    }

    // A cache miss. Every reply to a unique inbox (a pub ack, a JetStream ack) is one, so this keeps allocation to
    // the result itself: tokens are found while walking (no bounds array), plain matches collect in a small array,
    // and a lone plain subscription's result is made once and kept on the subscription.
    private MatchResult<C> matchTrie(byte[] s, int off, int len) {
        @SuppressWarnings("unchecked")
        Found<C> found = (Found<C>) FOUND.get(); // per thread and reused: a walk calls out to nothing
        found.clear();
        collect(root, s, off, off + len, found);
        if (found.queues == null) {
            if (found.count == 0) {
                return MatchResult.empty();
            }
            if (found.count == 1) {
                return found.plain[0].alone();
            }
        }
        Subscription<C>[] p = java.util.Arrays.copyOf(found.plain, found.count);
        Subscription<C>[][] q = MatchResult.noQueueGroups();
        if (found.queues != null) {
            @SuppressWarnings("unchecked")
            Subscription<C>[][] groups = new Subscription[found.queues.size()][];
            int i = 0;
            for (List<Subscription<C>> members : found.queues.values()) {
                @SuppressWarnings("unchecked")
                Subscription<C>[] m = members.toArray(new Subscription[0]);
                groups[i++] = m;
            }
            q = groups;
        }
        return new MatchResult<>(p, q);
    }

    private static final FastThreadLocal<Found<?>> FOUND = new FastThreadLocal<>() {
        @Override
        protected Found<?> initialValue() {
            return new Found<>();
        }
    };

    /** What one match walk found so far. */
    private static final class Found<C> {
        @SuppressWarnings("unchecked")
        Subscription<C>[] plain = new Subscription[8];
        int count;
        Map<String, List<Subscription<C>>> queues;

        @SuppressWarnings("unchecked")
        void clear() {
            if (plain.length > 1024) {
                plain = new Subscription[8]; // a wide fan-out once: do not keep its array on the thread
            } else {
                java.util.Arrays.fill(plain, 0, count, null); // no reference kept to a removed subscription
            }
            count = 0;
            queues = null;
        }

        void add(Subscription<C> sub) {
            if (count == plain.length) {
                plain = java.util.Arrays.copyOf(plain, count * 2);
            }
            plain[count++] = sub;
        }
    }

    /** Walks the trie for the tokens of s[start, end); {@code start > end} means no tokens are left. */
    private void collect(TrieNode<C> node, byte[] s, int start, int end, Found<C> found) {
        boolean last = start > end;
        if (node.full != null && !last) {
            addAll(node.full, found);
        }
        if (last) {
            addAll(node, found);
            return;
        }
        int dot = start;
        while (dot < end && s[dot] != '.') {
            dot++;
        }
        TrieNode<C> lit = node.literals.get(s, start, dot - start);
        if (lit != null) {
            collect(lit, s, dot + 1, end, found);
        }
        if (node.star != null) {
            collect(node.star, s, dot + 1, end, found);
        }
    }

    private void addAll(TrieNode<C> node, Found<C> found) {
        for (int i = 0, n = node.plain.size(); i < n; i++) {
            found.add(node.plain.get(i));
        }
        if (node.queues != null && !node.queues.isEmpty()) {
            if (found.queues == null) {
                found.queues = new LinkedHashMap<>();
            }
            for (Map.Entry<String, SubList<C>> e : node.queues.entrySet()) {
                List<Subscription<C>> members = found.queues.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                SubList<C> q = e.getValue();
                for (int i = 0, n = q.size(); i < n; i++) {
                    members.add(q.get(i));
                }
            }
        }
    }
    // ---- statistics (monitoring: /subsz) -------------------------------------------------------------------------

    /**
     * The index's counters as nats-server reports them for its sublist. Matches and cache hits are per-thread plain
     * counters summed here (the count of a thread that ended is dropped with its cache); cache entries and fan-out
     * are taken from the entries still valid now. Only lookups through the cache are counted: an index built
     * without a cache reports no matches.
     */
    public Stats stats() {
        long subs;
        long ins;
        long rem;
        lock.readLock().lock();
        try {
            subs = count;
            ins = inserts;
            rem = removes;
        } finally {
            lock.readLock().unlock();
        }
        long gen = generation;
        long matches = 0;
        long hits = 0;
        long[] acc = new long[3];
        for (var it = allCaches.iterator(); it.hasNext(); ) {
            MatchCache<C> c = it.next().get();
            if (c == null) {
                it.remove();
                continue;
            }
            matches += c.matches;
            hits += c.hits;
            c.addStats(gen, acc);
        }
        return new Stats(subs, acc[0], ins, rem, matches, hits, acc[2], acc[0] == 0 ? 0 : (double) acc[1] / acc[0]);
    }

    /** A snapshot of {@link #stats()}. */
    public record Stats(long subscriptions, long cacheEntries, long inserts, long removes, long matches,
            long cacheHits, long maxFanout, double avgFanout) {
        /** Hits over matches, 0 before the first match. */
        public double cacheHitRate() {
            return matches == 0 ? 0 : (double) cacheHits / matches;
        }
    }
}
