package io.jnatsd.auth.jwt;

import java.util.List;

/**
 * The part of an account JWT's validation that concerns the activation tokens of its imports, as nats-io/jwt v2
 * validates an account before nats-server accepts it: a token must decode, be issued by the exporting account (or
 * on its behalf), name this account, be of the import's kind and cover its subject. Any such error makes the whole
 * account JWT invalid ({@link AccountValidation}); an expired or revoked token only keeps its import out (checked
 * when imports are installed).
 */
final class ImportTokens {
    private ImportTokens() {
    }

    /** Adds every error found, in nats-io/jwt's wording, to {@code errors}. */
    static void addErrors(AccountClaims account, List<String> errors) {
        for (Import imp : account.imports()) {
            if (imp.token().isEmpty()) {
                continue;
            }
            ActivationClaims act;
            try {
                act = ActivationClaims.decode(imp.token());
            } catch (JwtException e) {
                errors.add("import \"" + imp.subject() + "\" contains an invalid activation token");
                continue;
            }
            if (!act.claims().issuer().equals(imp.account()) && !act.issuerAccount().equals(imp.account())) {
                errors.add("activation token doesn't match account for import \"" + imp.subject() + "\"");
            }
            if (!act.importer().equals(account.publicKey())) {
                errors.add("activation token doesn't match account it is being included in, \"" + imp.subject()
                        + "\"");
            }
            if (!act.kind().equals(imp.type())) {
                errors.add("mismatch between token import type " + act.kind() + " and type of import "
                        + imp.type());
            }
            if (!io.jnatsd.auth.SubjectPattern.covers(act.importSubject(), imp.subject())) {
                errors.add("activation token import subject \"" + act.importSubject() + "\" doesn't match import \""
                        + imp.subject() + "\"");
            }
        }
    }
}
