package io.jnatsd.jetstream.consumer;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.jetstream.store.StreamStore;

import java.nio.file.Path;
import java.util.List;

/** What consumers need of their stream: its name, subjects, retention, store, account and where durables persist. */
public interface StreamView {
    String name();

    List<String> subjects();

    /** limits, interest or workqueue. */
    String retention();

    StreamStore store();

    /** The stream's max_consumers, -1 for no limit. */
    long maxConsumers();

    Account<ClientConnection> account();

    /** The stream's directory ({@code obs/} goes in it); null for a memory stream (its consumers are not kept). */
    Path dir();
}
