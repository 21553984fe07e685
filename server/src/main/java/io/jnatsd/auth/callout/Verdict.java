package io.jnatsd.auth.callout;

import io.jnatsd.auth.User;

/** What an auth callout decided: the user to log in as, or why the client is refused. */
record Verdict(User user, String refusal) {
    static Verdict admit(User u) {
        return new Verdict(u, null);
    }

    static Verdict refuse(String why) {
        return new Verdict(null, why);
    }
}
