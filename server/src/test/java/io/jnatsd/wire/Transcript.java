package io.jnatsd.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What the connections of one scenario run observed, in order. */
final class Transcript {
    private final List<Entry> entries = new ArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    List<Entry> entries() {
        return entries;
    }

    String render() {
        return entries.stream().map(Entry::render).collect(Collectors.joining("\n"));
    }

    /**
     * Renders this (actual) transcript for a side-by-side diff against {@code expected}: an INFO that carries every
     * expected field is rendered exactly like the expected one, so only real differences show in the diff.
     */
    String renderAgainst(Transcript expected) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry a = entries.get(i);
            Entry e = i < expected.entries.size() ? expected.entries.get(i) : null;
            if (e != null && a.kind() == Entry.Kind.INFO && a.satisfies(e)) {
                lines.add(e.render());
            } else if (e != null && a.kind() == Entry.Kind.INFO && e.kind() == Entry.Kind.INFO) {
                List<String> missing = new ArrayList<>(e.infoFields());
                missing.removeAll(a.infoFields());
                lines.add(a.render() + " MISSING " + missing);
            } else {
                lines.add(a.render());
            }
        }
        return String.join("\n", lines);
    }

    /** True when every entry satisfies its expected counterpart and the lengths agree. */
    boolean satisfies(Transcript expected) {
        if (entries.size() != expected.entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).satisfies(expected.entries.get(i))) {
                return false;
            }
        }
        return true;
    }
}
