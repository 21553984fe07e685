package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.ConnectingClient;
import io.jnatsd.auth.jwt.ClaimType;
import io.jnatsd.auth.jwt.Claims;
import io.jnatsd.auth.jwt.JwtDecoder;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.server.ServerKeyPair;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization request JWT: nats-io/jwt's AuthorizationRequestClaims, signed by the server key. */
class AuthorizationRequestTest {
    private final ServerKeyPair keys = ServerKeyPair.generate();
    private final CalloutServer server = new CalloutServer("srv", "0.0.0.0", "2.2.0", List.of(), keys, null);
    private static final String ISSUER = "ABJHLOVMPA4CI6R5KLNGOB4GSLNIY7IOUPAJC4YFNDLQVIOBYQGUWVLA";

    private static ConnectOptions connect(String json) throws Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return ConnectOptions.parse(b, 0, b.length, ConnectOptions.beforeConnect());
    }

    @Test
    void claimsCarryTheServerTheClientAndItsConnect() throws Exception {
        ConnectOptions c = connect("{\"user\":\"u\",\"pass\":\"p\",\"name\":\"app\",\"lang\":\"java\","
                + "\"version\":\"2.24.0\",\"protocol\":1,\"verbose\":false}");
        String user = ServerKeyPair.generate(NKeyType.USER).publicKey();
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        ObjectNode claims = AuthorizationRequest.claims(server, ISSUER, user,
                new ConnectingClient(7, "10.0.0.1", "websocket", "NONCE"), c, now, now.plusSeconds(2));
        assertThat(claims.get("aud").asText()).isEqualTo("nats-authorization-request");
        assertThat(claims.get("sub").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("iat").asLong()).isEqualTo(1_700_000_000L);
        assertThat(claims.get("exp").asLong()).isEqualTo(1_700_000_002L);
        JsonNode nats = claims.get("nats");
        assertThat(nats.get("type").asText()).isEqualTo("authorization_request");
        assertThat(nats.get("version").asInt()).isEqualTo(2);
        assertThat(nats.get("user_nkey").asText()).isEqualTo(user);
        assertThat(nats.get("server_id").toString()).isEqualTo(
                "{\"name\":\"srv\",\"host\":\"0.0.0.0\",\"id\":\"" + keys.publicKey() + "\",\"version\":\"2.2.0\"}");
        assertThat(nats.get("client_info").toString()).isEqualTo(
                "{\"host\":\"10.0.0.1\",\"id\":7,\"user\":\"u\",\"name\":\"app\",\"kind\":\"Client\","
                        + "\"type\":\"websocket\"}");
        assertThat(nats.get("connect_opts").toString()).isEqualTo(
                "{\"user\":\"u\",\"pass\":\"p\",\"name\":\"app\",\"lang\":\"java\",\"version\":\"2.24.0\","
                        + "\"protocol\":1}");
        assertThat(nats.has("client_tls")).isFalse();
    }

    @Test
    void serverTagsAreListed() throws Exception {
        CalloutServer tagged = new CalloutServer("srv", "h", "2.2.0", List.of("region:eu", "az:1"), keys, null);
        ObjectNode claims = AuthorizationRequest.claims(tagged, ISSUER, ServerKeyPair.generate(NKeyType.USER)
                .publicKey(), new ConnectingClient(1, "h", "nats", null), connect("{}"), Instant.now(), Instant.now());
        assertThat(claims.at("/nats/server_id/tags").toString()).isEqualTo("[\"region:eu\",\"az:1\"]");
    }

    @Test
    void aSignedNonceIsPassedOnWithTheNonceItSigned() throws Exception {
        String nkey = ServerKeyPair.generate(NKeyType.USER).publicKey();
        ConnectOptions c = connect("{\"nkey\":\"" + nkey + "\",\"sig\":\"c2ln\",\"protocol\":1}");
        ObjectNode claims = AuthorizationRequest.claims(server, ISSUER, nkey,
                new ConnectingClient(1, "127.0.0.1", "nats", "NONCE"), c, Instant.now(), Instant.now());
        assertThat(claims.at("/nats/client_info/nonce").asText()).isEqualTo("NONCE");
        assertThat(claims.at("/nats/client_info/user").asText()).as("the nkey is the raw user").isEqualTo(nkey);
        assertThat(claims.at("/nats/connect_opts/sig").asText()).isEqualTo("c2ln");
    }

    @Test
    void theSignedJwtVerifiesAsIssuedByTheServer() throws Exception {
        ConnectOptions c = connect("{\"auth_token\":\"t\",\"protocol\":1}");
        String jwt = SignedJwt.sign(AuthorizationRequest.claims(server, ISSUER,
                ServerKeyPair.generate(NKeyType.USER).publicKey(), new ConnectingClient(1, "h", "nats", null), c,
                Instant.now(), Instant.now().plusSeconds(2)), keys);
        Claims decoded = JwtDecoder.decode(jwt, ClaimType.AUTHORIZATION_REQUEST);
        assertThat(decoded.issuer()).isEqualTo(keys.publicKey()).startsWith("N");
        assertThat(decoded.jti()).isNotEmpty();
        assertThat(decoded.nats().at("/connect_opts/auth_token").asText()).isEqualTo("t");
    }
}
