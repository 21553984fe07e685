package io.jnatsd.wire;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every scenario against jnatsd, compared with the scenario's written expectation (the reference behaviour, which
 * {@link DifferentialTest} checks against the real nats-server). Runs without nats-server installed.
 */
class JnatsdWireTest {
    @TestFactory
    Stream<DynamicTest> jnatsdBehavesAsExpected() {
        return Scenarios.all().stream().map(s -> dynamicTest(s.name(), () ->
                ScenarioRuns.assertSatisfies(s, "expected", s.expected(), "jnatsd", ScenarioRuns.jnatsd(s))));
    }
}
