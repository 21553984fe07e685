package io.jnatsd.auth.jwt;

import java.util.List;

/**
 * The part of an account JWT's validation that checks its imports and exports against its own limits, as
 * nats-io/jwt v2 does before nats-server accepts the JWT: at most {@code limits.imports} imports, at most
 * {@code limits.exports} exports and, unless {@code limits.wildcards}, no wildcard export subject (the latter only
 * checked when the exports are counted, i.e. not -1). -1 means unlimited; 0 (also a missing field) allows none.
 */
final class ImportExportLimits {
    private ImportExportLimits() {
    }

    /** Adds nats-io/jwt's error texts, in its order, to {@code errors}. */
    static void addErrors(AccountClaims account, List<String> errors) {
        AccountLimits l = account.limits();
        int imports = account.imports().size();
        String tooManyImports = "the account contains more imports than allowed by the operator";
        // nats-io/jwt checks the import count twice, the first time only when any limit is set
        if (!empty(l) && l.imports() >= 0 && imports > l.imports()) {
            errors.add(tooManyImports);
        }
        if (l.imports() != -1 && imports > l.imports()) {
            errors.add(tooManyImports);
        }
        if (l.exports() == -1) {
            return;
        }
        if (account.exports().size() > l.exports()) {
            errors.add("the account contains more exports than allowed by the operator");
        }
        if (!l.wildcardExports()) {
            for (Export e : account.exports()) {
                if (hasWildcards(e.subject())) {
                    errors.add("the account contains wildcard exports that are not allowed by the operator");
                }
            }
        }
    }

    /** nats-io/jwt's OperatorLimits.IsEmpty: no limit of any kind set. */
    private static boolean empty(AccountLimits l) {
        return l.subs() == 0 && l.data() == 0 && l.payload() == 0 && l.imports() == 0 && l.exports() == 0
                && !l.wildcardExports() && !l.disallowBearer() && l.conn() == 0 && l.leaf() == 0
                && l.memStorage() == 0 && l.diskStorage() == 0 && l.streams() == 0 && l.consumer() == 0
                && l.maxAckPending() == 0 && l.memMaxStreamBytes() == 0 && l.diskMaxStreamBytes() == 0
                && !l.maxBytesRequired() && (l.tieredLimits() == null || l.tieredLimits().isEmpty());
    }

    private static boolean hasWildcards(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }
}
