package io.jnatsd.auth.jwt;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWTs made by nsc (the Go nats-io/jwt library), not by our fixtures: an operator "memory", an account "account" it
 * signed and a user "user2" the account signed. Public test data from a nats-server integration test config; it pins
 * the wire format (header, base64url, signature over header.claims) to the real thing.
 */
class NscJwtInteropTest {
    static final String OPERATOR = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJqdGkiOiJFRk5ERUdSNU1aUEw1VElQTFVKMlNMTFdZV0VDU0NJS"
            + "EhVU1lISE5IR1BZVUpaWE5XUlNRIiwiaWF0IjoxNjI0ODc1NzYwLCJpc3MiOiJPQ0VSUlQ2WFNEQ1dBWTNFWVNTTjQ2UUxGQko3R"
            + "FJHNTIzU1hIMkg0UjQ3WFZVWFYyUlJCSVNMSyIsIm5hbWUiOiJtZW1vcnkiLCJzdWIiOiJPQ0VSUlQ2WFNEQ1dBWTNFWVNTTjQ2U"
            + "UxGQko3RFJHNTIzU1hIMkg0UjQ3WFZVWFYyUlJCSVNMSyIsIm5hdHMiOnsidHlwZSI6Im9wZXJhdG9yIiwidmVyc2lvbiI6Mn19."
            + "MZfwcw5j6zY8SfFQppGIa3VjYYZK2_n1kV16Nk5jVCgwS8dKWzRQK_XjFYWwQ15Cq9YY73jcTA6LO0DmQGsdBA";
    static final String ACCOUNT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJqdGkiOiJTUkVHMkdLUVg1RlJKQ0lTUlFITVlNUU9CU09DSkRYM"
            + "jVaUUpGTllDMkxMQkZBRlNOQU9BIiwiaWF0IjoxNjI0OTUzNzIzLCJpc3MiOiJPQ0VSUlQ2WFNEQ1dBWTNFWVNTTjQ2UUxGQko3R"
            + "FJHNTIzU1hIMkg0UjQ3WFZVWFYyUlJCSVNMSyIsIm5hbWUiOiJhY2NvdW50Iiwic3ViIjoiQUFZSkRWTFpHV043WTNGQlBDVlhDU"
            + "lZRWkRGTVlHSFU0WVhMR1NYWDdVMjU0S0g1U0MzUjVRS00iLCJuYXRzIjp7ImxpbWl0cyI6eyJzdWJzIjotMSwiZGF0YSI6LTEsI"
            + "nBheWxvYWQiOi0xLCJpbXBvcnRzIjotMSwiZXhwb3J0cyI6LTEsIndpbGRjYXJkcyI6dHJ1ZSwiY29ubiI6LTEsImxlYWYiOi0xL"
            + "CJtZW1fc3RvcmFnZSI6LTEsInN0cmVhbXMiOi0xLCJjb25zdW1lciI6LTF9LCJkZWZhdWx0X3Blcm1pc3Npb25zIjp7InB1YiI6e"
            + "30sInN1YiI6e319LCJ0eXBlIjoiYWNjb3VudCIsInZlcnNpb24iOjJ9fQ.rcOqLmWL77kgoDS4GPK5qs-rpG1mQCkQ5FoCzT3VGq"
            + "sIXNdpn72d38jbCeV40_6l8dI49IRtRHySv8k7VwaaAA";
    static final String USER = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJqdGkiOiJXTUUyUkhMWEU1R0FZS0hITk5aNkhLSDQ2Q0VSUFNEU"
            + "ExPN1BMT0ZEWTZaNUdZM09aVkFRIiwiaWF0IjoxNjI0OTUzNTE5LCJpc3MiOiJBQVlKRFZMWkdXTjdZM0ZCUENWWENSVlFaREZNW"
            + "UdIVTRZWExHU1hYN1UyNTRLSDVTQzNSNVFLTSIsIm5hbWUiOiJ1c2VyMiIsInN1YiI6IlVERVJVRElMMlZORVNKUzVGNUpDQVJHW"
            + "UNSUVM1M0NWSUVBSllHU0hFR0dZSEI2R01BQ1AzM1VDIiwibmF0cyI6eyJwdWIiOnt9LCJzdWIiOnt9LCJzdWJzIjotMSwiZGF0Y"
            + "SI6LTEsInBheWxvYWQiOi0xLCJ0eXBlIjoidXNlciIsInZlcnNpb24iOjJ9fQ.YitrKhIlU45Q1m6A_HFsaxDgUUiIyjLJuHNKnG"
            + "1cjzj5H6n697Iv3pDsIZVTh6pBYROg1aRV42bD3PpEZna2AA";

    @Test
    void theOperatorDecodes() throws Exception {
        OperatorClaims op = OperatorClaims.decode(OPERATOR);
        assertThat(op.publicKey()).isEqualTo("OCERRT6XSDCWAY3EYSSN46QLFBJ7DRG523SXH2H4R47XVUXV2RRBISLK");
        assertThat(op.claims().name()).isEqualTo("memory");
        assertThat(op.claims().issuedAt()).isEqualTo(1624875760L);
    }

    @Test
    void theAccountDecodesWithItsLimits() throws Exception {
        AccountClaims a = AccountClaims.decode(ACCOUNT);
        assertThat(a.publicKey()).isEqualTo("AAYJDVLZGWN7Y3FBPCVXCRVQZDFMYGHU4YXLGSXX7U254KH5SC3R5QKM");
        assertThat(a.limits().conn()).isEqualTo(-1);
        assertThat(a.limits().wildcardExports()).isTrue();
        assertThat(a.limits().memStorage()).isEqualTo(-1);
        assertThat(a.defaultPub().isEmpty()).isTrue();
    }

    @Test
    void theChainChecksOut() throws Exception {
        OperatorClaims op = OperatorClaims.decode(OPERATOR);
        AccountClaims a = AccountClaims.decode(ACCOUNT);
        UserClaims u = UserClaims.decode(USER);
        assertThat(u.publicKey()).isEqualTo("UDERUDIL2VNESJS5F5JCARGYCRQS53CVIEAJYGSHEGGYHB6GMACP33UC");
        assertThat(u.limits().subs()).isEqualTo(-1);
        Instant now = Instant.now();
        ClaimChecks.checkAccount(a, op, now);
        ClaimChecks.checkUser(u, a, now);
    }

    @Test
    void swappingTheClaimsOfTwoRealJwtsBreaksTheSignature() {
        String[] user = USER.split("\\.");
        String[] account = ACCOUNT.split("\\.");
        assertThatThrownBy(() -> JwtDecoder.decode(user[0] + "." + user[1] + "." + account[2]))
                .isInstanceOf(JwtException.class).hasMessageContaining("signature");
    }
}
