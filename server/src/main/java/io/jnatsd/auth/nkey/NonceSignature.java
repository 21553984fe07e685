package io.jnatsd.auth.nkey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks a CONNECT's {@code sig}: the nonce string (its ASCII bytes, as sent in INFO) signed by the {@code nkey}
 * the client names. The signature is raw URL base64, or standard base64 as nats-server also accepts.
 */
public final class NonceSignature {
    private NonceSignature() {
    }

    /** Null when the signature is good, else why not, in nats-server's debug words. */
    public static String problem(String nkey, String sig, String nonce) {
        if (sig == null || sig.isEmpty()) {
            return "Signature missing";
        }
        byte[] signature = decode(sig);
        if (signature == null) {
            return "Signature not valid base64";
        }
        byte[] raw;
        try {
            raw = NKeys.rawKey(nkey, NKeyType.USER);
        } catch (InvalidNKeyException e) {
            return "User nkey not valid: " + e.getMessage();
        }
        if (nonce == null) {
            return "Signature not verified"; // no nonce was sent to this client
        }
        try {
            if (NKeys.verify(NKeys.publicKey(raw), nonce.getBytes(StandardCharsets.US_ASCII), signature)) {
                return null;
            }
        } catch (InvalidNKeyException e) {
            return "User nkey not valid: " + e.getMessage();
        }
        return "Signature not verified";
    }

    private static byte[] decode(String sig) {
        try {
            return Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
