package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.User;
import io.jnatsd.server.ServerKeyPair;
import io.jnatsd.testing.JwtFixtures;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each check of an answer, with nats-server's wording for the refusal. */
class AuthorizationResponseTest {
    private final NKey issuer = JwtFixtures.accountKey();
    private final NKey other = JwtFixtures.accountKey();
    private final String userNkey = JwtFixtures.publicKey(JwtFixtures.userKey());
    private final String serverId = ServerKeyPair.generate().publicKey();
    private final AuthCalloutSettings settings =
            new AuthCalloutSettings(JwtFixtures.publicKey(issuer), List.of("auth"), "AUTH", null);

    private Verdict judge(String message) {
        return AuthorizationResponse.judge(message, userNkey, serverId, settings, "AUTH",
                Set.of("APP", "AUTH", "$G")::contains, Instant.now());
    }

    private String user(String sub, String account, NKey signer, ObjectNode extra) {
        ObjectNode c = JwtFixtures.claims("user", signer);
        c.put("sub", sub);
        c.put("aud", account);
        if (extra != null) {
            JwtFixtures.nats(c).setAll(extra);
        }
        return JwtFixtures.sign(c, signer);
    }

    private String response(String sub, String aud, String jwt, String error, NKey signer) {
        ObjectNode c = JwtFixtures.claims("authorization_response", signer);
        c.put("sub", sub);
        c.put("aud", aud);
        if (jwt != null) {
            JwtFixtures.nats(c).put("jwt", jwt);
        }
        if (error != null) {
            JwtFixtures.nats(c).put("error", error);
        }
        return JwtFixtures.sign(c, signer);
    }

    private String admitTo(String account) {
        return response(userNkey, serverId, user(userNkey, account, issuer, null), null, issuer);
    }

    @Test
    void aGoodAnswerAdmitsToTheAudienceAccountWithTheJwtPermissions() {
        ObjectNode perms = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        perms.putObject("pub").putArray("allow").add("app.>");
        perms.putObject("sub").putArray("deny").add("secret.>");
        perms.putObject("resp").put("max", 2).put("ttl", Duration.ofSeconds(5).toNanos());
        Verdict v = judge(response(userNkey, serverId, user(userNkey, "APP", issuer, perms), null, issuer));
        assertThat(v.refusal()).isNull();
        User u = v.user();
        assertThat(u.account()).isEqualTo("APP");
        assertThat(u.nkey()).isEqualTo(userNkey);
        assertThat(u.permissions().publish().allowList()).containsExactly("app.>");
        assertThat(u.permissions().subscribe().allowList()).isNull();
        assertThat(u.permissions().subscribe().denyList()).containsExactly("secret.>");
        assertThat(u.permissions().responseMax()).isEqualTo(2);
        assertThat(u.permissions().responseExpires()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutPermissionsTheUserIsUnrestrictedExceptInTheCalloutAccount() {
        assertThat(judge(admitTo("APP")).user().permissions()).isNull();
        User inAuth = judge(admitTo("AUTH")).user();
        assertThat(inAuth.permissions().publish().allowList()).isNull();
        assertThat(inAuth.permissions().publish().denyList()).containsExactly("$SYS.REQ.USER.AUTH");
    }

    @Test
    void refusals() {
        String goodUser = user(userNkey, "APP", issuer, null);
        assertThat(judge("").refusal()).isEqualTo("Auth callout violation: \"no reason supplied\" on account \"AUTH\"");
        assertThat(judge("garbage").refusal()).isEqualTo("Expected 3 chunks");
        assertThat(judge(response(userNkey, serverId, null, "nope", issuer)).refusal())
                .isEqualTo("Auth callout service returned an error: nope");
        assertThat(judge(response(userNkey, serverId, null, null, issuer)).refusal())
                .isEqualTo("Authorization response had validation errors: Error or Jwt is required");
        assertThat(judge(response(userNkey, "AUTH", goodUser, null, issuer)).refusal())
                .isEqualTo("Authorization response had validation errors: Audience must be a server public key");
        assertThat(judge(response(JwtFixtures.publicKey(JwtFixtures.userKey()), serverId, goodUser, null, issuer))
                .refusal()).isEqualTo("Auth callout violation: auth callout response is not for expected user");
        assertThat(judge(response(userNkey, ServerKeyPair.generate().publicKey(), goodUser, null, issuer)).refusal())
                .isEqualTo("Auth callout violation: auth callout response is not for server");
        assertThat(judge(response(userNkey, serverId, goodUser, null, other)).refusal())
                .startsWith("Wrong issuer for auth callout response on account \"AUTH\"");
        assertThat(judge(response(userNkey, serverId, user(userNkey, "APP", other, null), null, issuer)).refusal())
                .isEqualTo("Wrong issuer for auth callout response on account \"AUTH\", expected \""
                        + settings.issuer() + "\" got \"" + JwtFixtures.publicKey(other) + "\"");
        String someoneElse = JwtFixtures.publicKey(JwtFixtures.userKey());
        assertThat(judge(response(userNkey, serverId, user(someoneElse, "APP", issuer, null), null, issuer))
                .refusal()).isEqualTo("Expected authorized user of \"" + userNkey + "\" but got \"" + someoneElse
                        + "\" on account \"AUTH\"");
        assertThat(judge(admitTo("NOPE")).refusal())
                .isEqualTo("No valid account \"NOPE\" for auth callout response on account \"AUTH\": account not found");
        ObjectNode issuerAccount = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("issuer_account", settings.issuer());
        assertThat(judge(response(userNkey, serverId, user(userNkey, "APP", issuer, issuerAccount), null, issuer))
                .refusal()).isEqualTo("Error non operator mode account \"AUTH\": attempted to use issuer_account");
    }

    @Test
    void anExpiredUserJwtIsRefused() {
        ObjectNode c = JwtFixtures.claims("user", issuer);
        c.put("sub", userNkey);
        c.put("aud", "APP");
        c.put("exp", Instant.now().minusSeconds(10).getEpochSecond());
        String expired = JwtFixtures.sign(c, issuer);
        assertThat(judge(response(userNkey, serverId, expired, null, issuer)).refusal())
                .isEqualTo("Error validating user JWT: claim is expired");
    }
}
