package io.jnatsd.account;

import io.jnatsd.subject.SubjectIndex;

/**
 * A namespace of subjects: clients of one account never see another's messages. Owns its subject index.
 *
 * @param <C> the subscriber type kept in the index
 */
public final class Account<C> {
    /** The account every client uses when no accounts are configured (nats-server's "$G"). */
    public static final String GLOBAL = "$G";

    private final String name;
    private final SubjectIndex<C> index;

    public Account(String name) {
        this(name, new SubjectIndex<>());
    }

    public Account(String name, SubjectIndex<C> index) {
        this.name = name;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public SubjectIndex<C> index() {
        return index;
    }
}
