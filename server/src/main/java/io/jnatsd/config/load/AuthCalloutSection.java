package io.jnatsd.config.load;

import io.jnatsd.auth.callout.AuthCalloutSettings;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code auth_callout { issuer, auth_users, account, xkey }} inside the authorization block, with nats-server 2.10's
 * aliases ({@code users}, {@code key}) and wording; issuer and auth_users are required, account defaults to $G.
 */
final class AuthCalloutSection {
    private AuthCalloutSection() {
    }

    static void read(ConfEntry entry, LoadContext context) {
        if (!(entry.value() instanceof ConfMap block)) {
            throw new WrongValue("Expected authorization callout to be a map/struct, got " + entry.value().goTypeName());
        }
        String[] issuer = {null};
        String[] account = {null};
        String[] xkey = {null};
        boolean[] bad = {false}; // a refused key already reported: nats-server stops there
        List<String> users = new ArrayList<>();
        new KeyTable()
                .on((e, c) -> {
                    String v = Values.string(e.value());
                    if (!NKeys.isValid(v, NKeyType.ACCOUNT)) {
                        bad[0] = true;
                        throw new WrongValue("Expected callout user to be a valid public account nkey, got \""
                                + v + "\"");
                    }
                    issuer[0] = v;
                }, "issuer")
                .on((e, c) -> account[0] = Values.string(e.value()), "account")
                .on((e, c) -> {
                    bad[0] |= !(e.value() instanceof ConfArray);
                    users.addAll(names(e.value()));
                }, "auth_users", "users")
                .on((e, c) -> {
                    String v = Values.string(e.value());
                    if (!NKeys.isValid(v, NKeyType.CURVE)) {
                        bad[0] = true;
                        throw new WrongValue("Expected callout xkey to be a valid public xkey, got \"" + v + "\"");
                    }
                    xkey[0] = v;
                }, "xkey", "key")
                .onUnknown(k -> "Unknown field \"" + k + "\" parsing authorization callout")
                .applyAll(block, context);
        if (bad[0]) {
            return;
        }
        if (issuer[0] == null) {
            throw new WrongValue("Authorization callouts require an issuer to be specified");
        }
        if (users.isEmpty()) {
            throw new WrongValue("Authorization callouts require authorized users to be specified");
        }
        context.builder().authCallout(new AuthCalloutSettings(issuer[0], users, account[0], xkey[0]));
        context.setBy("auth_callout", entry.keyPosition());
    }

    private static List<String> names(ConfValue v) {
        if (!(v instanceof ConfArray a)) {
            throw new WrongValue("Expected auth_users field to be an array, got " + v.goTypeName());
        }
        List<String> out = new ArrayList<>();
        for (ConfValue e : a.elements()) {
            out.add(Values.string(e));
        }
        return out;
    }
}
