package io.jnatsd.operator;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.AccountValidation;
import io.jnatsd.auth.jwt.ClaimChecks;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.OperatorClaims;

import java.time.Instant;
import java.util.List;

/**
 * Who may issue accounts: the configured operators (their identity key unless strict_signing_key_usage, and their
 * signing keys), or with {@code trusted} only the listed operator keys.
 */
public final class TrustedOperators {
    private final List<OperatorClaims> operators;
    private final List<String> keys;

    public TrustedOperators(List<OperatorClaims> operators, List<String> keys) {
        this.operators = List.copyOf(operators);
        this.keys = List.copyOf(keys);
    }

    /** Whether {@code key} is a trusted operator's identity or signing key (who may sign delete requests). */
    public boolean trustsKey(String key) {
        if (keys.contains(key)) {
            return true;
        }
        for (OperatorClaims op : operators) {
            if (op.publicKey().equals(key) || op.signingKeys().contains(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes an account JWT and checks it is in time, issued by a trusted operator and valid (the activation
     * tokens of its imports, its import/export limits: {@link AccountValidation}).
     */
    public AccountClaims verify(String jwt, Instant now) throws JwtException {
        AccountClaims a = AccountClaims.decode(jwt);
        ClaimChecks.checkTime(a.claims(), now);
        AccountValidation.validate(a);
        if (keys.contains(a.claims().issuer())) {
            return a;
        }
        for (OperatorClaims op : operators) {
            if (op.issued(a)) {
                return a;
            }
        }
        throw new JwtException("account JWT not signed by a trusted operator");
    }
}
