package io.jnatsd.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** {@code pinned_certs}: hex SHA-256 of a certificate's DER SubjectPublicKeyInfo, as nats-server computes it. */
public final class CertificatePins {
    private CertificatePins() {
    }

    /** The pin of this certificate, lowercase hex. */
    public static String pinOf(X509Certificate cert) {
        try {
            byte[] spki = cert.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Whether text is a well-formed pin (64 hex digits); nats-server refuses the config otherwise. */
    public static boolean looksLikePin(String text) {
        return text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    public static String normalize(String pin) {
        return pin.toLowerCase(Locale.ROOT);
    }

    /** True when there are no pins, or the certificate's pin is one of them. */
    public static boolean accepts(Set<String> pins, X509Certificate cert) {
        return pins.isEmpty() || (cert != null && pins.contains(pinOf(cert)));
    }
}
