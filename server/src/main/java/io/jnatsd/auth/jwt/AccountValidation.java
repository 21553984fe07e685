package io.jnatsd.auth.jwt;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation of an account JWT that makes nats-server 2.9.10 refuse it (a push answered {@code jwt validation
 * failed - validation errors: [...]}, a login into it {@code Authorization Violation}): the activation tokens of its
 * imports ({@link ImportTokens}), then its import/export counts and wildcard exports ({@link ImportExportLimits}),
 * in nats-io/jwt's order.
 */
public final class AccountValidation {
    private AccountValidation() {
    }

    /** Throws with every error found, listed as Go prints a slice of errors: {@code [a b]}. */
    public static void validate(AccountClaims account) throws JwtException {
        List<String> errors = new ArrayList<>();
        ImportTokens.addErrors(account, errors);
        ImportExportLimits.addErrors(account, errors);
        if (!errors.isEmpty()) {
            throw new JwtException("validation errors: [" + String.join(" ", errors) + "]");
        }
    }
}
