package io.jnatsd.jetstream.store;

/** One subject's messages in a store: how many, and the first and last sequence holding it. */
final class SubjectState {
    final String subject;
    long count;
    long first;
    long last;

    SubjectState(String subject) {
        this.subject = subject;
    }
}
