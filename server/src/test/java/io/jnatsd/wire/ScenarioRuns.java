package io.jnatsd.wire;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.ReferenceServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs scenarios on fresh servers and compares transcripts.
 *
 * <p>jnatsd transcripts are kept per scenario for the whole test JVM: the wire test and the differential test need
 * the same run, and playing it twice would double the suite's time for nothing.
 */
final class ScenarioRuns {
    private static final Map<String, Transcript> JNATSD = new ConcurrentHashMap<>();

    private ScenarioRuns() {
    }

    static Transcript jnatsd(Scenario s) {
        return JNATSD.computeIfAbsent(s.name(), n -> {
            try (NatsServer server = s.setup().startJnatsd()) {
                return play(s, server.port());
            }
        });
    }

    static Transcript reference(Scenario s) {
        try (ReferenceServer server = s.setup().startReference()) {
            return play(s, server.port());
        }
    }

    /** Both runs at once: each mostly waits on sockets and timers. */
    static Transcript[] both(Scenario s) {
        CompletableFuture<Transcript> ref = CompletableFuture.supplyAsync(() -> reference(s));
        Transcript mine = jnatsd(s);
        return new Transcript[] {ref.join(), mine};
    }

    private static Transcript play(Scenario s, int port) {
        try {
            return ScriptPlayer.play(s.script(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("scenario '" + s.name() + "' could not run", e);
        }
    }

    /** Fails with both transcripts, rendered so that only real differences show in the diff. */
    static void assertSatisfies(Scenario s, String expectedLabel, Transcript expected, String actualLabel,
            Transcript actual) {
        String message = "scenario '" + s.name() + "' (server options: " + s.setup() + "): " + actualLabel
                + " differs from " + expectedLabel;
        assertEquals(expected.render(), actual.renderAgainst(expected), message);
        assertTrue(actual.satisfies(expected), message);
    }
}
