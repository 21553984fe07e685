package io.jnatsd.subject;

import java.util.HashMap;
import java.util.Map;

/** One token level of the subject trie: literal children, the '*' and '>' branches, and the subscriptions ending here. */
final class TrieNode<C> {
    final TokenMap<TrieNode<C>> literals = new TokenMap<>();
    TrieNode<C> star;
    TrieNode<C> full;
    final SubList<C> plain = new SubList<>();
    /** Queue name to members; null until the first queue subscription, the common case staying small. */
    Map<String, SubList<C>> queues;

    boolean isEmpty() {
        return plain.isEmpty() && (queues == null || queues.isEmpty()) && literals.size() == 0
                && star == null && full == null;
    }

    SubList<C> queue(String name, boolean create) {
        if (queues == null) {
            if (!create) {
                return null;
            }
            queues = new HashMap<>(4);
        }
        SubList<C> q = queues.get(name);
        if (q == null && create) {
            q = new SubList<>();
            queues.put(name, q);
        }
        return q;
    }
}
