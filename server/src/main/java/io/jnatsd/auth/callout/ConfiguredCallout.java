package io.jnatsd.auth.callout;

import java.time.Instant;

/** Configuration mode's service, as {@code authorization { auth_callout {} }} describes it. */
record ConfiguredCallout(AuthCalloutSettings settings, CalloutRequests requests) implements CalloutTarget {
    @Override
    public String account() {
        return settings.account();
    }

    @Override
    public String requestSubject() {
        return settings.issuer();
    }

    @Override
    public String xkey() {
        return settings.xkey();
    }

    @Override
    public Verdict judge(String answer, String userNkey, String serverId, boolean encrypted, Instant now) {
        return AuthorizationResponse.judge(answer, userNkey, serverId, settings, settings.account(),
                requests::accountExists, now);
    }
}
