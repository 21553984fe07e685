package io.jnatsd.auth.jwt;

/**
 * An activation token (nats-io/jwt v2 ActivationClaims): issued by an exporting account (or one of its signing keys,
 * then {@code issuer_account} names the account) to the importing account ({@code sub}), for the import subject
 * {@code nats.subject} of kind {@code nats.kind} ("stream" or "service").
 */
public record ActivationClaims(Claims claims, String importSubject, String kind, String issuerAccount) {
    public static ActivationClaims decode(String token) throws JwtException {
        Claims c = JwtDecoder.decode(token, ClaimType.ACTIVATION);
        return new ActivationClaims(c, NatsJson.text(c.nats(), "subject"), NatsJson.text(c.nats(), "kind"),
                NatsJson.text(c.nats(), "issuer_account"));
    }

    /** The account allowed to import. */
    public String importer() {
        return claims.subject();
    }
}
