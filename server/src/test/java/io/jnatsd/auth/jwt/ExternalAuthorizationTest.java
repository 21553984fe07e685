package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.testing.JwtFixtures;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account JWT's authorization claim: when it is enabled, what it allows, and nats-io/jwt's validation. */
class ExternalAuthorizationTest {
    private final NKey operator = JwtFixtures.operatorKey();
    private final String user = JwtFixtures.publicKey(JwtFixtures.userKey());
    private final String app = JwtFixtures.publicKey(JwtFixtures.accountKey());

    private AccountClaims account(Consumer<ObjectNode> authorization) throws JwtException {
        ObjectNode c = JwtFixtures.claims("account", JwtFixtures.accountKey());
        if (authorization != null) {
            authorization.accept(JwtFixtures.nats(c).putObject("authorization"));
        }
        return AccountClaims.decode(JwtFixtures.sign(c, operator));
    }

    @Test
    void enabledByAuthUsers() throws JwtException {
        ExternalAuthorization a = ExternalAuthorization.of(account(n -> {
            n.putArray("auth_users").add(user);
            n.putArray("allowed_accounts").add(app);
            n.put("xkey", "XAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT");
        }));
        assertThat(a.authUsers()).containsExactly(user);
        assertThat(a.allows(app)).isTrue();
        assertThat(a.allows(JwtFixtures.publicKey(JwtFixtures.accountKey()))).isFalse();
        assertThat(a.xkey()).startsWith("X");
    }

    @Test
    void notEnabledWithoutTheClaimOrWithoutAuthUsers() throws JwtException {
        assertThat(ExternalAuthorization.of(account(null))).isNull();
        assertThat(ExternalAuthorization.of(account(n -> n.put("xkey", "")))).isNull();
    }

    @Test
    void theWildcardAllowsEveryAccountOnlyAlone() throws JwtException {
        ExternalAuthorization any = ExternalAuthorization.of(account(n -> {
            n.putArray("auth_users").add(user);
            n.putArray("allowed_accounts").add("*");
        }));
        assertThat(any.allows(app)).isTrue();
        assertThatThrownBy(() -> ExternalAuthorization.of(account(n -> {
            n.putArray("auth_users").add(user);
            n.putArray("allowed_accounts").add("*").add(app);
        }))).hasMessage("AllowedAccounts can only be a list of accounts or \"*\"");
    }

    @Test
    void invalidClaimsAreRefusedWithTheJwtLibrarysWords() {
        assertThatThrownBy(() -> ExternalAuthorization.of(account(n -> n.putArray("allowed_accounts").add(app))))
                .hasMessage("External authorization cannot have accounts without users specified");
        assertThatThrownBy(() -> ExternalAuthorization.of(account(n -> n.putArray("auth_users").add(app))))
                .hasMessage("AuthUser \"" + app + "\" is not a valid user public key");
        assertThatThrownBy(() -> ExternalAuthorization.of(account(n -> {
            n.putArray("auth_users").add(user);
            n.putArray("allowed_accounts").add(user);
        }))).hasMessage("Account \"" + user + "\" is not a valid account public key");
        assertThatThrownBy(() -> ExternalAuthorization.of(account(n -> {
            n.putArray("auth_users").add(user);
            n.put("xkey", app);
        }))).hasMessage("XKey \"" + app + "\" is not a valid public xkey");
    }
}
