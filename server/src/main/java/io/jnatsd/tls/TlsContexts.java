package io.jnatsd.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds the server-side Netty {@link SslContext} of a {@link TlsSettings}: one code path for every TLS listener. */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /** The engine AUTO resolves to on this machine. */
    public static SslProvider resolve(TlsProvider p) {
        return switch (p) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> SslProvider.OPENSSL;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /**
     * Throws {@link TlsConfigException} with nats-server's wording when a file is missing or does not fit. Null when
     * the settings have no certificate.
     */
    public static SslContext forServer(TlsSettings s) {
        if (s.certFile() == null) {
            if (s.caFile() != null) {
                PemFiles.read(s.caFile()); // still checked, as nats-server does
            }
            return null;
        }
        Identity id = identity(s);
        X509Certificate[] chain = id.chain();
        PrivateKey key = id.key();
        SslProvider provider = resolve(s.provider());
        SslContextBuilder b = SslContextBuilder.forServer(key, chain).sslProvider(provider);
        if (s.caFile() != null) {
            b.trustManager(caCertificates(s));
        }
        b.clientAuth(s.verify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        if (!s.cipherSuites().isEmpty()) {
            List<String> suites = new ArrayList<>(s.cipherSuites());
            for (String t : CipherSuiteNames.TLS13) {
                if (!suites.contains(t)) {
                    suites.add(t);
                }
            }
            b.ciphers(suites, SupportedCipherSuiteFilter.INSTANCE);
        }
        if (!s.curves().isEmpty()) {
            if (provider == SslProvider.OPENSSL) {
                b.option(OpenSslContextOption.GROUPS, s.curves().toArray(new String[0]));
            } else {
                LOG.warn("curve_preferences are not applied with the JDK TLS provider (Java 17 has no per-context "
                        + "named groups); the JVM's defaults are used");
            }
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new TlsConfigException("error creating TLS context: " + e.getMessage(), e);
        }
    }

    /** The certificate chain and its key, as a TLS block names them. */
    private record Identity(X509Certificate[] chain, PrivateKey key) {
    }

    private static Identity identity(TlsSettings s) {
        try {
            byte[] certPem = PemFiles.read(s.certFile());
            byte[] keyPem = PemFiles.read(s.keyFile());
            List<X509Certificate> certs = PemFiles.certificates(certPem);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("tls: failed to find any PEM data in certificate input");
            }
            X509Certificate[] chain = certs.toArray(new X509Certificate[0]);
            PrivateKey key = PemFiles.privateKey(keyPem);
            requireMatch(chain[0], key);
            return new Identity(chain, key);
        } catch (TlsConfigException e) {
            throw new TlsConfigException("error parsing X509 certificate/key pair: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("error parsing X509 certificate/key pair: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] caCertificates(TlsSettings s) {
        try {
            List<X509Certificate> cas = PemFiles.certificates(PemFiles.read(s.caFile()));
            if (cas.isEmpty()) {
                throw new TlsConfigException("failed to parse root ca certificate");
            }
            return cas.toArray(new X509Certificate[0]);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("failed to parse root ca certificate", e);
        }
    }

    /**
     * The client side of the same block, for connections this server opens (solicited routes): presents the
     * certificate when there is one, trusts ca_file (else the system roots).
     */
    public static SslContext forClient(TlsSettings s) {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(resolve(s.provider()));
        if (s.certFile() != null) {
            Identity id = identity(s);
            b.keyManager(id.key(), id.chain());
        }
        if (s.caFile() != null) {
            b.trustManager(caCertificates(s));
        }
        if (!s.cipherSuites().isEmpty()) {
            List<String> suites = new ArrayList<>(s.cipherSuites());
            for (String t : CipherSuiteNames.TLS13) {
                if (!suites.contains(t)) {
                    suites.add(t);
                }
            }
            b.ciphers(suites, SupportedCipherSuiteFilter.INSTANCE);
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new TlsConfigException("error creating TLS context: " + e.getMessage(), e);
        }
    }

    /** Go's X509KeyPair refuses a key that is not the certificate's: so do we (RSA is the common case). */
    private static void requireMatch(X509Certificate cert, PrivateKey key) throws GeneralSecurityException {
        if (cert.getPublicKey() instanceof RSAPublicKey pub && key instanceof RSAPrivateCrtKey priv
                && !pub.getModulus().equals(priv.getModulus())) {
            throw new GeneralSecurityException("tls: private key does not match public key");
        }
        if (!cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new GeneralSecurityException("tls: private key type does not match public key type");
        }
    }
}
