package io.jnatsd.wire;

import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every scenario against the Go nats-server and against jnatsd, same options, same bytes sent.
 *
 * <p>Per scenario two checks: the reference does what the scenario says (so the expectations that
 * {@link JnatsdWireTest} holds jnatsd to are the reference's real behaviour, not guesses), and jnatsd's transcript
 * equals the reference's, INFO compared on field names: jnatsd may add fields but lack none.
 */
class DifferentialTest {
    @TestFactory
    Stream<DynamicContainer> jnatsdMatchesReference() {
        return Scenarios.all().stream().map(DifferentialTest::container);
    }

    private static DynamicContainer container(Scenario s) {
        Transcript[][] runs = new Transcript[1][];
        // Both servers run once per scenario, when the first of its two checks executes.
        // Checked per test, not once in the factory: an aborted factory shows as zero tests, a skip per test counts.
        Supplier<Transcript[]> both = () -> {
            ReferenceServer.assumeAvailable();
            if (runs[0] == null) {
                runs[0] = ScenarioRuns.both(s);
            }
            return runs[0];
        };
        DynamicTest referenceAsWritten = dynamicTest("reference behaves as written", () ->
                ScenarioRuns.assertSatisfies(s, "the scenario's expectation", s.expected(), "nats-server",
                        both.get()[0]));
        DynamicTest jnatsdAsReference = dynamicTest("jnatsd matches the reference", () ->
                ScenarioRuns.assertSatisfies(s, "nats-server", both.get()[0], "jnatsd", both.get()[1]));
        return dynamicContainer(s.name(), Stream.of(referenceAsWritten, jnatsdAsReference));
    }
}
