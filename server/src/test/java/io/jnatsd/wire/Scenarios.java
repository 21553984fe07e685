package io.jnatsd.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every scenario, for the jnatsd wire test and the differential test alike. */
final class Scenarios {
    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(ProtocolScenarios.all());
        all.addAll(HeaderScenarios.all());
        all.addAll(ErrorScenarios.all());
        all.addAll(LimitScenarios.all());
        all.addAll(FramingScenarios.all());
        Set<String> names = new HashSet<>();
        for (Scenario s : all) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("two scenarios named " + s.name());
            }
        }
        return all;
    }
}
