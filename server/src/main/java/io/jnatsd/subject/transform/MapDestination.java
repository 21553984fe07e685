package io.jnatsd.subject.transform;

import java.util.Objects;

/**
 * One destination of a mapping as configured: subject, weight in percent (0..100) and an optional cluster name
 * (null for none). Destinations with a cluster are used instead of the others on a server of that cluster.
 */
public record MapDestination(String subject, int weight, String cluster) {
    public MapDestination {
        Objects.requireNonNull(subject, "subject");
    }

    public MapDestination(String subject, int weight) {
        this(subject, weight, null);
    }
}
