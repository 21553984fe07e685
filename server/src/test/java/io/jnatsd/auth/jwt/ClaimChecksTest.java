package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.jnatsd.testing.JwtFixtures.accountKey;
import static io.jnatsd.testing.JwtFixtures.claims;
import static io.jnatsd.testing.JwtFixtures.creds;
import static io.jnatsd.testing.JwtFixtures.nats;
import static io.jnatsd.testing.JwtFixtures.operatorKey;
import static io.jnatsd.testing.JwtFixtures.publicKey;
import static io.jnatsd.testing.JwtFixtures.sign;
import static io.jnatsd.testing.JwtFixtures.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator -> account -> user chain: who issued whom, revocations, bearer tokens, .creds files. */
class ClaimChecksTest {
    private final NKey operator = operatorKey();
    private final NKey operatorSigner = operatorKey();
    private final NKey account = accountKey();
    private final NKey accountSigner = accountKey();
    private final NKey user = userKey();
    private final Instant now = Instant.now();

    private AccountClaims account(java.util.function.Consumer<ObjectNode> nats) throws JwtException {
        ObjectNode c = claims("account", account);
        nats(c).putArray("signing_keys").add(publicKey(accountSigner));
        nats.accept(nats(c));
        return AccountClaims.decode(sign(c, operatorSigner));
    }

    private OperatorClaims operator(boolean strict) throws JwtException {
        ObjectNode c = claims("operator", operator);
        nats(c).putArray("signing_keys").add(publicKey(operatorSigner));
        nats(c).put("strict_signing_key_usage", strict);
        return OperatorClaims.decode(sign(c, operator));
    }

    private UserClaims userBy(NKey issuer, boolean onBehalf) throws JwtException {
        ObjectNode c = claims("user", user);
        if (onBehalf) {
            nats(c).put("issuer_account", publicKey(account));
        }
        return UserClaims.decode(sign(c, issuer));
    }

    @Test
    void aUserIssuedByTheAccountOrItsSigningKeyPasses() throws Exception {
        AccountClaims a = account(n -> { });
        ClaimChecks.checkUser(userBy(account, false), a, now);
        UserClaims viaSigner = userBy(accountSigner, true);
        assertThat(viaSigner.account()).isEqualTo(publicKey(account));
        ClaimChecks.checkUser(viaSigner, a, now);
    }

    @Test
    void aUserIssuedByAnotherAccountIsRefused() throws Exception {
        AccountClaims a = account(n -> { });
        NKey stranger = accountKey();
        assertThatThrownBy(() -> ClaimChecks.checkUser(userBy(stranger, false), a, now))
                .isInstanceOf(JwtException.class).hasMessageContaining("not issued by account");
        // a key that is not a signing key of the account cannot sign on its behalf
        assertThatThrownBy(() -> ClaimChecks.checkUser(userBy(stranger, true), a, now))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void revokedUsersAreRefused() throws Exception {
        UserClaims u = userBy(account, false);
        long iat = u.claims().issuedAt();
        AccountClaims byKey = account(n -> n.putObject("revocations").put(publicKey(user), iat));
        assertThatThrownBy(() -> ClaimChecks.checkUser(u, byKey, now)).hasMessageContaining("revoked");
        AccountClaims all = account(n -> n.putObject("revocations").put("*", iat + 1));
        assertThatThrownBy(() -> ClaimChecks.checkUser(u, all, now)).hasMessageContaining("revoked");
        // a revocation older than the JWT does not apply: the user was issued again after it
        AccountClaims older = account(n -> n.putObject("revocations").put(publicKey(user), iat - 1));
        ClaimChecks.checkUser(u, older, now);
    }

    @Test
    void bearerTokensAreRefusedWhereTheAccountDisallowsThem() throws Exception {
        ObjectNode c = claims("user", user);
        nats(c).put("bearer_token", true);
        UserClaims bearer = UserClaims.decode(sign(c, account));
        ClaimChecks.checkUser(bearer, account(n -> { }), now);
        AccountClaims strict = account(n -> n.putObject("limits").put("disallow_bearer", true));
        assertThatThrownBy(() -> ClaimChecks.checkUser(bearer, strict, now)).hasMessageContaining("bearer");
    }

    @Test
    void anExpiredUserIsRefusedByTheChainCheck() throws Exception {
        ObjectNode c = claims("user", user);
        c.put("exp", now.getEpochSecond() - 1);
        UserClaims expired = UserClaims.decode(sign(c, account));
        assertThatThrownBy(() -> ClaimChecks.checkUser(expired, account(n -> { }), now))
                .hasMessageContaining("expired");
    }

    @Test
    void accountsMustBeIssuedByTheOperatorOrItsSigningKeys() throws Exception {
        AccountClaims bySigner = account(n -> { });
        ClaimChecks.checkAccount(bySigner, operator(false), now);
        ClaimChecks.checkAccount(bySigner, operator(true), now);

        AccountClaims byIdentity = AccountClaims.decode(sign(claims("account", account), operator));
        ClaimChecks.checkAccount(byIdentity, operator(false), now);
        assertThatThrownBy(() -> ClaimChecks.checkAccount(byIdentity, operator(true), now))
                .as("strict_signing_key_usage").isInstanceOf(JwtException.class);

        AccountClaims byOther = AccountClaims.decode(sign(claims("account", account), operatorKey()));
        assertThatThrownBy(() -> ClaimChecks.checkAccount(byOther, operator(false), now))
                .hasMessageContaining("not issued by operator");
    }

    @Test
    void aCredsFileGivesBackItsJwtAndSeed() throws Exception {
        String jwt = sign(claims("user", user), account);
        Path f = Files.createTempFile("user", ".creds");
        try {
            Files.writeString(f, creds(jwt, user));
            CredsFile c = CredsFile.read(f);
            assertThat(c.jwt()).isEqualTo(jwt);
            assertThat(c.seed()).isEqualTo(new String(user.getSeed()));
            assertThat(UserClaims.decode(c.jwt()).publicKey()).isEqualTo(publicKey(user));
        } finally {
            Files.delete(f);
        }
        assertThatThrownBy(() -> CredsFile.parse("just text")).isInstanceOf(JwtException.class);
    }
}
