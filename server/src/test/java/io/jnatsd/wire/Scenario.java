package io.jnatsd.wire;

/** A named script and the server options it runs under. */
record Scenario(String name, ServerSetup setup, Script script) {
    static Scenario of(String name, Script script) {
        return new Scenario(name, ServerSetup.DEFAULT, script);
    }

    static Scenario of(String name, ServerSetup setup, Script script) {
        return new Scenario(name, setup, script);
    }

    Transcript expected() {
        return script.expected(setup.requiredInfoFields());
    }

    @Override
    public String toString() {
        return name;
    }
}
