package io.jnatsd.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code tls {}} block, typed: the server's certificate and key (PEM files), the CA that client certificates must
 * chain to, and how clients are checked. Certificate and key may both be null: nats-server accepts such a block and
 * then requires TLS that no handshake can satisfy, and so does jnatsd. Cipher suites and curves are already JDK names (see
 * {@link CipherSuiteNames}, {@link CurveNames}); pins are lowercase hex. Reusable by every listener that speaks TLS.
 *
 * @param verify         clients must present a certificate signed by {@code caFile} (or the system roots)
 * @param verifyAndMap   verify, and log in as the user named by the certificate (email, DNS name, URI or subject DN)
 * @param timeout        the handshake must finish within this
 * @param cipherSuites   empty: the provider's defaults
 * @param curves         empty: the provider's defaults
 * @param pinnedCerts    empty: any certificate the CA vouches for; else its SubjectPublicKeyInfo's SHA-256 must be here
 * @param handshakeFirst the TLS handshake comes before INFO (clients' "TLS first" option)
 * @param handshakeFirstFallback with handshakeFirst: after this long without a byte from the client, INFO goes out in
 *                       plain text and the usual INFO-first flow follows (nats-server 2.10's "auto"); null = never
 */
public record TlsSettings(String certFile, String keyFile, String caFile, boolean verify, boolean verifyAndMap,
        Duration timeout, List<String> cipherSuites, List<String> curves, Set<String> pinnedCerts,
        boolean handshakeFirst, Duration handshakeFirstFallback, TlsProvider provider) {
    /** nats-server's TLS_TIMEOUT. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** nats-server's delay for {@code handshake_first: auto}. */
    public static final Duration DEFAULT_HANDSHAKE_FIRST_FALLBACK = Duration.ofMillis(50);

    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("certFile and keyFile go together");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(provider, "provider");
        cipherSuites = List.copyOf(cipherSuites);
        curves = List.copyOf(curves);
        pinnedCerts = Set.copyOf(pinnedCerts);
        verify = verify || verifyAndMap; // nats-server: verify_and_map implies verify
    }

    /** Server certificate and key, nothing else: TLS without client certificates. */
    public static TlsSettings of(String certFile, String keyFile) {
        return new TlsSettings(certFile, keyFile, null, false, false, DEFAULT_TIMEOUT, List.of(), List.of(), Set.of(),
                false, null, TlsProvider.fromSystemProperty());
    }

    public TlsSettings withCaFile(String v) {
        return new TlsSettings(certFile, keyFile, v, verify, verifyAndMap, timeout, cipherSuites, curves, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withVerify(boolean v) {
        return new TlsSettings(certFile, keyFile, caFile, v, verifyAndMap, timeout, cipherSuites, curves, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withVerifyAndMap(boolean v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, v, timeout, cipherSuites, curves, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withTimeout(Duration v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, v, cipherSuites, curves, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withCipherSuites(List<String> v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, v, curves, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withCurves(List<String> v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, cipherSuites, v, pinnedCerts,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withPinnedCerts(Set<String> v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, cipherSuites, curves, v,
                handshakeFirst, handshakeFirstFallback, provider);
    }

    public TlsSettings withHandshakeFirst(boolean v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, cipherSuites, curves,
                pinnedCerts, v, v ? handshakeFirstFallback : null, provider);
    }

    /** TLS first, falling back to a plain INFO after {@code fallback} of client silence (null: no fallback). */
    public TlsSettings withHandshakeFirst(Duration fallback) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, cipherSuites, curves,
                pinnedCerts, true, fallback, provider);
    }

    public TlsSettings withProvider(TlsProvider v) {
        return new TlsSettings(certFile, keyFile, caFile, verify, verifyAndMap, timeout, cipherSuites, curves,
                pinnedCerts, handshakeFirst, handshakeFirstFallback, v);
    }
}
