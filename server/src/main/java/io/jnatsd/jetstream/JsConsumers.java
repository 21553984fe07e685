package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.jetstream.consumer.StreamConsumers;
import io.jnatsd.jetstream.consumer.StreamView;
import io.jnatsd.jetstream.store.StreamStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers of one account's streams: a {@link StreamConsumers} per stream, made when a stream first needs one
 * (a consumer is created, or the stream has consumers on disk at start) and hooked to the stream's "message stored".
 * Keyed by the stream object, so a stream deleted and created again starts with no consumers.
 */
final class JsConsumers {
    private final AccountStreams streams;
    private final Map<JsStream, StreamConsumers> byStream = new IdentityHashMap<>();

    JsConsumers(AccountStreams streams) {
        this.streams = streams;
    }

    /** At start: streams with durable consumers on disk, and interest/workqueue streams, get theirs now. */
    synchronized void loadAll() {
        for (JsStream s : streams.all()) {
            Path dir = streams.streamDir(s.config().name());
            if (Files.isDirectory(dir.resolve("obs")) || !s.config().retention().equals("limits")) {
                of(s);
            }
        }
    }

    /** Interest and workqueue streams need theirs from the start (a message nobody wants is not kept). */
    synchronized void streamCreated(JsStream s) {
        if (!s.config().retention().equals("limits")) {
            of(s);
        }
    }

    synchronized StreamConsumers of(String streamName) {
        JsStream s = streams.get(streamName);
        if (s == null) {
            throw new JsException(JsError.STREAM_NOT_FOUND);
        }
        return of(s);
    }

    private StreamConsumers of(JsStream s) {
        StreamConsumers c = byStream.get(s);
        if (c == null) {
            c = new StreamConsumers(view(s));
            byStream.put(s, c);
            StreamConsumers sc = c;
            s.onStored((subject, seq) -> sc.stored(seq, subject));
        }
        return c;
    }

    synchronized int count(JsStream s) {
        StreamConsumers c = byStream.get(s);
        return c == null ? 0 : c.count();
    }

    synchronized int total() {
        return byStream.values().stream().mapToInt(StreamConsumers::count).sum();
    }

    /** Before a stream is deleted: its consumers stop (their files go with the stream's directory). */
    synchronized void streamDeleting(String name) {
        JsStream s = streams.get(name);
        StreamConsumers c = s == null ? null : byStream.remove(s);
        if (c != null) {
            s.onStored(null);
            c.close();
        }
    }

    synchronized void close() {
        for (StreamConsumers c : byStream.values()) {
            c.close();
        }
        byStream.clear();
    }

    private StreamView view(JsStream s) {
        Path dir = s.config().memory() ? null : streams.streamDir(s.config().name());
        return new StreamView() {
            @Override
            public String name() {
                return s.config().name();
            }

            @Override
            public List<String> subjects() {
                return s.config().subjects();
            }

            @Override
            public String retention() {
                return s.config().retention();
            }

            @Override
            public long maxConsumers() {
                return s.config().maxConsumers();
            }

            @Override
            public StreamStore store() {
                return s.store();
            }

            @Override
            public Account<ClientConnection> account() {
                return streams.account();
            }

            @Override
            public Path dir() {
                return dir;
            }
        };
    }
}
