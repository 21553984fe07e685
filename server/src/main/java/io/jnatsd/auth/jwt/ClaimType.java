package io.jnatsd.auth.jwt;

import io.jnatsd.auth.nkey.NKeyType;

import java.util.Set;

/** The {@code nats.type} of a JWT, with the key types allowed to sign (issue) it, as nats-io/jwt v2 expects. */
public enum ClaimType {
    OPERATOR("operator", Set.of(NKeyType.OPERATOR), NKeyType.OPERATOR),
    ACCOUNT("account", Set.of(NKeyType.OPERATOR, NKeyType.ACCOUNT), NKeyType.ACCOUNT),
    USER("user", Set.of(NKeyType.ACCOUNT), NKeyType.USER),
    /** An activation token: an exporting account lets the importing account (the subject) import a subject. */
    ACTIVATION("activation", Set.of(NKeyType.ACCOUNT, NKeyType.OPERATOR), NKeyType.ACCOUNT),
    /** Auth callout: the server asks about a connecting client; about the callout issuer account. */
    AUTHORIZATION_REQUEST("authorization_request", Set.of(NKeyType.SERVER), NKeyType.ACCOUNT),
    /** Auth callout: the service's answer, about the user nkey of the request. */
    AUTHORIZATION_RESPONSE("authorization_response", Set.of(NKeyType.ACCOUNT), NKeyType.USER);

    private final String wireName;
    private final Set<NKeyType> issuers;
    private final NKeyType subject;

    ClaimType(String wireName, Set<NKeyType> issuers, NKeyType subject) {
        this.wireName = wireName;
        this.issuers = issuers;
        this.subject = subject;
    }

    public String wireName() {
        return wireName;
    }

    /** Key types that may issue this kind of claim. */
    public Set<NKeyType> issuers() {
        return issuers;
    }

    /** The key type of the subject the claim is about. */
    public NKeyType subject() {
        return subject;
    }

    static ClaimType ofWireName(String name) {
        for (ClaimType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
