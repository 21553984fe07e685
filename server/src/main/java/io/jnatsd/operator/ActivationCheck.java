package io.jnatsd.operator;

import io.jnatsd.auth.SubjectPattern;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ActivationClaims;
import io.jnatsd.auth.jwt.ClaimChecks;
import io.jnatsd.auth.jwt.Export;
import io.jnatsd.auth.jwt.Import;
import io.jnatsd.auth.jwt.JwtException;

import java.time.Instant;

/**
 * The activation token of an import from a {@code token_req} export, checked as nats-server 2.9.10 does: a JWT (a
 * URL is not fetched) issued by the exporting account or by one of its signing keys on its behalf, to the importing
 * account, of the import's kind, covering the import subject, not expired and not revoked by the export.
 */
final class ActivationCheck {
    private ActivationCheck() {
    }

    /** The valid activation, or a JwtException saying why the import may not be applied. */
    static ActivationClaims check(Import imp, String importer, AccountClaims exporter, Export export, Instant now)
            throws JwtException {
        String token = imp.token().trim();
        if (token.isEmpty()) {
            throw new JwtException("activation token missing");
        }
        if (token.contains("://")) {
            throw new JwtException("activation token URLs are not supported by jnatsd");
        }
        ActivationClaims act = ActivationClaims.decode(token);
        String issuer = act.claims().issuer();
        if (!issuer.equals(imp.account()) && !act.issuerAccount().equals(imp.account())) {
            throw new JwtException("activation token doesn't match account for import \"" + imp.subject() + "\"");
        }
        if (!act.issuerAccount().isEmpty() && (!act.issuerAccount().equals(exporter.publicKey())
                || exporter.signingKey(issuer) == null)) {
            throw new JwtException("activation token not issued by a signing key of " + exporter.publicKey());
        }
        if (!act.importer().equals(importer)) {
            throw new JwtException("activation token doesn't match account it is being included in, \""
                    + imp.subject() + "\"");
        }
        if (!act.kind().equals(imp.type())) {
            throw new JwtException("mismatch between token import type " + act.kind() + " and type of import "
                    + imp.type());
        }
        if (!SubjectPattern.covers(act.importSubject(), imp.subject())) {
            throw new JwtException("activation token import subject \"" + act.importSubject()
                    + "\" doesn't match import \"" + imp.subject() + "\"");
        }
        ClaimChecks.checkTime(act.claims(), now);
        long exp = act.claims().expires();
        if (exp != 0 && exp <= now.getEpochSecond()) {
            throw new JwtException("activation token expired"); // nats-server: expired at exp itself
        }
        if (export.revokes(importer, act.claims().issuedAt())) {
            throw new JwtException("activation token revoked");
        }
        return act;
    }
}
