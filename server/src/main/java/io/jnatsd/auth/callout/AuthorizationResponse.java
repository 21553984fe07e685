package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.User;
import io.jnatsd.auth.jwt.ClaimChecks;
import io.jnatsd.auth.jwt.ClaimType;
import io.jnatsd.auth.jwt.Claims;
import io.jnatsd.auth.jwt.JwtDecoder;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Judges the service's answer to one request, as nats-server does in configuration mode: an
 * {@code authorization_response} JWT about the request's user nkey, for this server, signed by the configured
 * issuer, carrying either an error or a user JWT. The user JWT must be about the same user nkey, issued by the
 * issuer itself (no issuer_account), valid now, and name in its audience the account to log in to, which must exist.
 * Refusals are worded as nats-server logs them.
 */
final class AuthorizationResponse {
    private AuthorizationResponse() {
    }

    /**
     * @param calloutAccount the account the request went to (named in refusals)
     * @param accountExists whether an account of this name exists (placement)
     */
    static Verdict judge(String message, String userNkey, String serverId, AuthCalloutSettings settings,
            String calloutAccount, Predicate<String> accountExists, Instant now) {
        Opened opened = open(message, userNkey, serverId, calloutAccount, now);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        Claims response = opened.response();
        String jwt = opened.jwt();
        // Stricter than nats-server's configuration mode, which only checks the user JWT's signer: configuration
        // mode knows no signing keys, so the response must be signed by the issuer itself.
        if (!response.issuer().equals(settings.issuer())) {
            return Verdict.refuse("Wrong issuer for auth callout response on account \"" + calloutAccount
                    + "\", expected \"" + settings.issuer() + "\" got \"" + response.issuer() + "\"");
        }
        return user(jwt, userNkey, settings, calloutAccount, accountExists, now);
    }

    /**
     * An answer that passed the checks both modes make, up to the service's own error: the response claims and the
     * user JWT it carries; or the refusal.
     */
    record Opened(Claims response, String jwt, String issuerAccount, Verdict refusal) {
        static Opened refused(String why) {
            return new Opened(null, null, null, Verdict.refuse(why));
        }
    }

    /**
     * The checks of nats-server's decodeResponse both modes share: a valid, in-time authorization_response JWT about
     * this user nkey, for this server, carrying a user JWT rather than an error.
     */
    static Opened open(String message, String userNkey, String serverId, String calloutAccount, Instant now) {
        if (message.isEmpty()) {
            return Opened.refused("Auth callout violation: \"no reason supplied\" on account \"" + calloutAccount
                    + "\"");
        }
        Claims response;
        try {
            response = JwtDecoder.decode(message, ClaimType.AUTHORIZATION_RESPONSE);
            ClaimChecks.checkTime(response, now);
        } catch (JwtException e) {
            return Opened.refused(capitalized(e.getMessage()));
        }
        JsonNode nats = response.nats();
        String error = text(nats, "error");
        String jwt = text(nats, "jwt");
        String issuerAccount = text(nats, "issuer_account");
        if (!NKeys.isValid(response.audience(), NKeyType.SERVER)) {
            return Opened.refused("Authorization response had validation errors: Audience must be a server public key");
        }
        if (error.isEmpty() == jwt.isEmpty()) {
            return Opened.refused("Authorization response had validation errors: "
                    + (error.isEmpty() ? "Error or Jwt is required" : "Only Error or Jwt can be set"));
        }
        if (!issuerAccount.isEmpty() && !NKeys.isValid(issuerAccount, NKeyType.ACCOUNT)) {
            return Opened.refused("Authorization response had validation errors: "
                    + "issuer_account is not an account public key");
        }
        if (!response.subject().equals(userNkey)) {
            return Opened.refused("Auth callout violation: auth callout response is not for expected user");
        }
        if (!response.audience().equals(serverId)) {
            return Opened.refused("Auth callout violation: auth callout response is not for server");
        }
        if (!error.isEmpty()) {
            return Opened.refused("Auth callout service returned an error: " + error);
        }
        return new Opened(response, jwt, issuerAccount, null);
    }

    private static Verdict user(String jwt, String userNkey, AuthCalloutSettings settings, String calloutAccount,
            Predicate<String> accountExists, Instant now) {
        UserClaims user;
        try {
            user = UserClaims.decode(jwt);
            ClaimChecks.checkTime(user.claims(), now);
        } catch (JwtException e) {
            return Verdict.refuse("Error validating user JWT: " + e.getMessage());
        }
        if (!user.publicKey().equals(userNkey)) {
            return Verdict.refuse("Expected authorized user of \"" + userNkey + "\" but got \"" + user.publicKey()
                    + "\" on account \"" + calloutAccount + "\"");
        }
        if (!user.issuerAccount().isEmpty()) {
            return Verdict.refuse("Error non operator mode account \"" + calloutAccount
                    + "\": attempted to use issuer_account");
        }
        if (!user.claims().issuer().equals(settings.issuer())) {
            return Verdict.refuse("Wrong issuer for auth callout response on account \"" + calloutAccount
                    + "\", expected \"" + settings.issuer() + "\" got \"" + user.claims().issuer() + "\"");
        }
        String target = user.claims().audience();
        if (target.isEmpty() || !accountExists.test(target)) {
            return Verdict.refuse("No valid account \"" + target + "\" for auth callout response on account \""
                    + calloutAccount + "\": account not found");
        }
        String name = user.claims().name();
        User u = new User(name.isEmpty() ? null : name, null, userNkey,
                CalloutPermissions.of(user.limits()), target);
        return Verdict.admit(target.equals(settings.account()) ? CalloutPermissions.denyRequests(u) : u);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static String capitalized(String m) {
        return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
