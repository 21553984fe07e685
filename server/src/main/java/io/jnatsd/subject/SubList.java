package io.jnatsd.subject;

import java.util.Arrays;

/** The subscriptions of one trie node (or one queue group in it): an array with O(1) swap-removal via the slot. */
final class SubList<C> {
    @SuppressWarnings("unchecked")
    private Subscription<C>[] subs = new Subscription[2];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Subscription<C> get(int i) {
        return subs[i];
    }

    void forEach(java.util.function.Consumer<Subscription<C>> action) {
        for (int i = 0; i < size; i++) {
            action.accept(subs[i]);
        }
    }

    void add(Subscription<C> s) {
        if (size == subs.length) {
            subs = Arrays.copyOf(subs, size * 2);
        }
        s.slot = size;
        subs[size++] = s;
    }

    boolean remove(Subscription<C> s) {
        int i = s.slot;
        if (i < 0 || i >= size || subs[i] != s) {
            return false;
        }
        Subscription<C> last = subs[--size];
        subs[i] = last;
        last.slot = i;
        subs[size] = null;
        s.slot = -1;
        return true;
    }
}
