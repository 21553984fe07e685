package io.jnatsd.subject.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mappings of one account, applied to each published subject: the first mapping whose source matches decides,
 * and the result is not mapped again. A later mapping with the same source replaces the earlier one in its place,
 * as nats-server does. (nats-server keeps mappings in the order it reads a config map, which Go does not define;
 * jnatsd uses file order.) Immutable and thread-safe.
 */
public final class SubjectMappings {
    private static final SubjectMappings NONE = new SubjectMappings(List.of());

    private final SubjectMapping[] mappings;

    private SubjectMappings(List<SubjectMapping> list) {
        this.mappings = list.toArray(new SubjectMapping[0]);
    }

    public static SubjectMappings none() {
        return NONE;
    }

    public static SubjectMappings of(List<SubjectMapping> list) {
        List<SubjectMapping> out = new ArrayList<>();
        for (SubjectMapping m : list) {
            int same = indexOfSource(out, m.source());
            if (same >= 0) {
                out.set(same, m);
            } else {
                out.add(m);
            }
        }
        return out.isEmpty() ? NONE : new SubjectMappings(out);
    }

    private static int indexOfSource(List<SubjectMapping> list, String source) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).source().equals(source)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return mappings.length == 0;
    }

    public List<SubjectMapping> asList() {
        return List.of(mappings);
    }

    /**
     * The subject to route a message published to {@code subject} (a valid literal subject) to: null when no
     * mapping applies,
     * {@link SubjectMapping#DROP} when the matching mapping chose no destination.
     */
    public byte[] map(byte[] subject, int off, int len, String clusterName) {
        if (mappings.length == 0) {
            return null;
        }
        SubjectTransform.Scratch s = SubjectTransform.scratch();
        SubjectTokens in = s.tokens.reset(subject, off, len);
        for (SubjectMapping m : mappings) {
            byte[] r = m.map(in, s.out, clusterName);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    public byte[] map(byte[] subject, int off, int len) {
        return map(subject, off, len, null);
    }

    /** {@link #map(byte[], int, int)} on a String: null when no mapping applies, "" when dropped. */
    public String map(String subject) {
        byte[] b = subject.getBytes(StandardCharsets.UTF_8);
        byte[] r = map(b, 0, b.length);
        return r == null ? null : new String(r, StandardCharsets.UTF_8);
    }
}
