package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static io.jnatsd.testing.JwtFixtures.accountKey;
import static io.jnatsd.testing.JwtFixtures.claims;
import static io.jnatsd.testing.JwtFixtures.nats;
import static io.jnatsd.testing.JwtFixtures.operatorKey;
import static io.jnatsd.testing.JwtFixtures.publicKey;
import static io.jnatsd.testing.JwtFixtures.sign;
import static io.jnatsd.testing.JwtFixtures.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding and verifying operator, account and user JWTs issued by {@link io.jnatsd.testing.JwtFixtures}. */
class JwtDecoderTest {
    private final NKey operator = operatorKey();
    private final NKey operatorSigner = operatorKey();
    private final NKey account = accountKey();
    private final NKey accountSigner = accountKey();
    private final NKey user = userKey();

    @Test
    void operatorClaimsDecode() throws Exception {
        ObjectNode c = claims("operator", operator);
        nats(c).putArray("signing_keys").add(publicKey(operatorSigner));
        nats(c).put("system_account", publicKey(account));
        nats(c).putArray("operator_service_urls").add("nats://localhost:4222");
        OperatorClaims op = OperatorClaims.decode(sign(c, operator));
        assertThat(op.publicKey()).isEqualTo(publicKey(operator));
        assertThat(op.signingKeys()).containsExactly(publicKey(operatorSigner));
        assertThat(op.systemAccount()).isEqualTo(publicKey(account));
        assertThat(op.operatorServiceUrls()).containsExactly("nats://localhost:4222");
        assertThat(op.claims().name()).isEqualTo("operator-fixture");
    }

    @Test
    void accountClaimsDecodeWithLimitsKeysAndExports() throws Exception {
        ObjectNode c = claims("account", account);
        ObjectNode limits = nats(c).putObject("limits");
        limits.put("subs", 10).put("data", -1).put("payload", 1024).put("conn", 5).put("leaf", -1)
                .put("imports", 3).put("exports", -1).put("wildcards", true).put("mem_storage", 1 << 20);
        nats(c).putArray("signing_keys").add(publicKey(accountSigner)).addObject()
                .put("kind", "user_scope").put("key", "AOTHER").put("role", "admins")
                .putObject("template").putObject("pub").putArray("allow").add("admin.>");
        nats(c).putObject("revocations").put(publicKey(user), 100);
        nats(c).putArray("exports").addObject().put("name", "svc").put("subject", "help.>").put("type", "service")
                .put("response_type", "Stream").put("token_req", true);
        nats(c).putArray("imports").addObject().put("name", "feed").put("subject", "news.>")
                .put("account", "AEXPORTER").put("type", "stream").put("local_subject", "local.news.>");
        nats(c).putObject("default_permissions").putObject("pub").putArray("deny").add("secret.>");
        AccountClaims a = AccountClaims.decode(sign(c, operatorSigner));
        assertThat(a.limits().subs()).isEqualTo(10);
        assertThat(a.limits().data()).isEqualTo(-1);
        assertThat(a.limits().payload()).isEqualTo(1024);
        assertThat(a.limits().conn()).isEqualTo(5);
        assertThat(a.limits().wildcardExports()).isTrue();
        assertThat(a.limits().memStorage()).isEqualTo(1 << 20);
        assertThat(a.signingKey(publicKey(accountSigner))).isNotNull().extracting(SigningKey::scoped)
                .isEqualTo(false);
        assertThat(a.signingKey("AOTHER").template().pub().allow()).containsExactly("admin.>");
        assertThat(a.revocations()).containsEntry(publicKey(user), 100L);
        assertThat(a.exports()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("help.>");
            assertThat(e.type()).isEqualTo("service");
            assertThat(e.tokenRequired()).isTrue();
            assertThat(e.responseType()).isEqualTo("Stream");
        });
        assertThat(a.imports()).singleElement().satisfies(i -> {
            assertThat(i.account()).isEqualTo("AEXPORTER");
            assertThat(i.localSubject()).isEqualTo("local.news.>");
        });
        assertThat(a.defaultPub().deny()).containsExactly("secret.>");
    }

    @Test
    void userClaimsDecodeWithPermissionsAndLimits() throws Exception {
        ObjectNode c = claims("user", user);
        ObjectNode n = nats(c);
        n.putObject("pub").putArray("allow").add("a.>");
        n.with("pub").putArray("deny").add("a.b");
        n.putObject("sub").putArray("allow").add("q grp");
        n.putObject("resp").put("max", 2).put("ttl", Duration.ofSeconds(5).toNanos());
        n.putArray("src").add("127.0.0.0/8").add("10.0.0.0/8");
        n.putArray("times").addObject().put("start", "08:00:00").put("end", "17:00:00");
        n.put("times_location", "Europe/Berlin");
        n.put("subs", -1).put("data", 4096).put("payload", 512).put("bearer_token", true);
        n.putArray("allowed_connection_types").add("STANDARD").add("WEBSOCKET");
        n.putArray("tags").add("blue");
        UserClaims u = UserClaims.decode(sign(c, account));
        UserPermissionLimits l = u.limits();
        assertThat(l.pub().allow()).containsExactly("a.>");
        assertThat(l.pub().deny()).containsExactly("a.b");
        assertThat(l.sub().allow()).containsExactly("q grp");
        assertThat(l.resp()).isEqualTo(new ResponsePermission(2, Duration.ofSeconds(5)));
        assertThat(l.src()).containsExactly("127.0.0.0/8", "10.0.0.0/8");
        assertThat(l.times()).containsExactly(new TimeRange("08:00:00", "17:00:00"));
        assertThat(l.timesLocation()).isEqualTo("Europe/Berlin");
        assertThat(l.data()).isEqualTo(4096);
        assertThat(l.bearerToken()).isTrue();
        assertThat(l.allowedConnectionTypes()).containsExactly("STANDARD", "WEBSOCKET");
        assertThat(u.claims().tags()).containsExactly("blue");
        assertThat(u.account()).isEqualTo(publicKey(account));
    }

    @Test
    void anOlderCommaSeparatedSourceListIsRead() throws Exception {
        ObjectNode c = claims("user", user);
        nats(c).put("src", "127.0.0.1/32, 10.0.0.0/8");
        assertThat(UserClaims.decode(sign(c, account)).limits().src()).containsExactly("127.0.0.1/32", "10.0.0.0/8");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String jwt = sign(claims("user", user), account);
        int dot = jwt.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        sig[0] ^= 1;
        String tampered = jwt.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThatThrownBy(() -> UserClaims.decode(tampered)).isInstanceOf(JwtException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void tamperedClaimsAreRefused() {
        String jwt = sign(claims("user", user), account);
        String[] parts = jwt.split("\\.");
        String body = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-fixture", "admin-fixture");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> UserClaims.decode(forged)).isInstanceOf(JwtException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void claimsSignedByAnotherKeyThanTheIssuerAreRefused() {
        ObjectNode c = claims("user", user);
        String jwt = sign(c, accountSigner); // iss = accountSigner
        String[] parts = jwt.split("\\.");
        c.put("iss", publicKey(account)); // claim a different issuer, keep accountSigner's signature
        String body = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(c.toString().getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> UserClaims.decode(parts[0] + "." + body + "." + parts[2]))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void wrongIssuerTypeIsRefused() {
        // a user JWT must be issued by an account key, not an operator or user key
        assertThatThrownBy(() -> UserClaims.decode(sign(claims("user", user), operator)))
                .isInstanceOf(JwtException.class).hasMessageContaining("cannot be issued by a operator key");
        assertThatThrownBy(() -> UserClaims.decode(sign(claims("user", user), user)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> OperatorClaims.decode(sign(claims("operator", operator), account)))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void wrongClaimTypeOrSubjectIsRefused() {
        String accountJwt = sign(claims("account", account), operator);
        assertThatThrownBy(() -> UserClaims.decode(accountJwt)).isInstanceOf(JwtException.class)
                .hasMessageContaining("not user claims");
        assertThatThrownBy(() -> UserClaims.decode(sign(claims("user", account), account)))
                .isInstanceOf(JwtException.class).hasMessageContaining("subject");
    }

    @Test
    void malformedTokensAreRefused() {
        String jwt = sign(claims("user", user), account);
        String[] parts = jwt.split("\\.");
        String badHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JwtDecoder.decode(badHeader + "." + parts[1] + "." + parts[2]))
                .isInstanceOf(JwtException.class).hasMessageContaining("algorithm");
        assertThatThrownBy(() -> JwtDecoder.decode(parts[0] + "." + parts[1])).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtDecoder.decode("a.b.c")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> JwtDecoder.decode(null)).isInstanceOf(JwtException.class);
        ObjectNode v1 = claims("user", user);
        nats(v1).put("version", 1);
        assertThatThrownBy(() -> JwtDecoder.decode(sign(v1, account))).isInstanceOf(JwtException.class)
                .hasMessageContaining("version");
    }

    @Test
    void expiredAndNotYetValidClaimsAreRefused() throws Exception {
        Instant now = Instant.now();
        ObjectNode expired = claims("user", user);
        expired.put("exp", now.getEpochSecond() - 10);
        Claims e = JwtDecoder.decode(sign(expired, account));
        assertThatThrownBy(() -> ClaimChecks.checkTime(e, now)).isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");

        ObjectNode future = claims("user", user);
        future.put("nbf", now.getEpochSecond() + 60);
        Claims f = JwtDecoder.decode(sign(future, account));
        assertThatThrownBy(() -> ClaimChecks.checkTime(f, now)).isInstanceOf(JwtException.class)
                .hasMessageContaining("not yet valid");

        ObjectNode fine = claims("user", user);
        fine.put("exp", now.getEpochSecond() + 60);
        ClaimChecks.checkTime(JwtDecoder.decode(sign(fine, account)), now);
    }
}
