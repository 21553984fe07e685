package io.jnatsd.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time (nothing secret is committed): a CA, a server certificate for localhost and
 * 127.0.0.1 signed by it (RSA, key written in the PKCS#1 form older openssl writes), and client certificates on
 * demand (EC P-256, PKCS#8). Everything is written as PEM into a temporary directory, as a tls block wants it;
 * {@link #clientContext} gives jnats an SSLContext that trusts the CA and optionally presents a client certificate.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** One certificate with its key and the files they were written to. */
    public record Issued(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile) {
    }

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;
    private Issued server;

    private TestCertificates(Path dir, String caName) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.caKeys = ec();
        X500Name name = new X500Name("CN=" + caName);
        JcaX509v3CertificateBuilder b = builder(name, caKeys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        this.ca = sign(b, caKeys.getPrivate());
        this.caFile = write(caName.replace(' ', '-') + "-ca.pem", pem("CERTIFICATE", ca.getEncoded()));
    }

    /** A new CA in a new temporary directory. */
    public static TestCertificates create(String caName) {
        try {
            Path dir = Files.createTempDirectory("jnatsd-tls");
            dir.toFile().deleteOnExit(); // after its files, which are registered later (deleted in reverse order)
            return new TestCertificates(dir, caName);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    public static TestCertificates create() {
        return create("jnatsd test CA");
    }

    public X509Certificate caCert() {
        return ca;
    }

    public Path caFile() {
        return caFile;
    }

    /** The server certificate (CN=localhost, SAN DNS:localhost and IP:127.0.0.1), made once. */
    public synchronized Issued server() {
        if (server == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair kp = g.generateKeyPair();
                JcaX509v3CertificateBuilder b = builder(new X500Name("CN=localhost"), kp);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                X509Certificate cert = sign(b, caKeys.getPrivate());
                StringWriter pkcs1 = new StringWriter();
                try (JcaPEMWriter w = new JcaPEMWriter(pkcs1)) {
                    w.writeObject(kp.getPrivate()); // BEGIN RSA PRIVATE KEY
                }
                server = new Issued(cert, kp.getPrivate(), write("server.pem", pem("CERTIFICATE", cert.getEncoded())),
                        write("server.key", pkcs1.toString()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    /** A client certificate with this subject DN (e.g. "CN=alice,O=Acme") and, unless null, a SAN email. */
    public Issued client(String subject, String email) {
        try {
            KeyPair kp = ec();
            JcaX509v3CertificateBuilder b = builder(new X500Name(subject), kp);
            if (email != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
            }
            X509Certificate cert = sign(b, caKeys.getPrivate());
            String base = "client-" + SERIAL.incrementAndGet();
            return new Issued(cert, kp.getPrivate(), write(base + ".pem", pem("CERTIFICATE", cert.getEncoded())),
                    write(base + ".key", pem("PRIVATE KEY", kp.getPrivate().getEncoded())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSLContext trusting this CA, presenting {@code client} when not null. */
    public SSLContext clientContext(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.key(), new char[0], new X509Certificate[] {client.cert()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tls block (config-file text) with this server certificate, plus {@code extra} lines inside the block. */
    public String tlsBlock(String... extra) {
        List<String> lines = new ArrayList<>();
        lines.add("tls {");
        lines.add("  cert_file: \"" + server().certFile() + "\"");
        lines.add("  key_file: \"" + server().keyFile() + "\"");
        for (String e : extra) {
            lines.add("  " + e);
        }
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    /** Issued by this CA; the CA itself (made first, while {@code ca} is still null) is self-issued. */
    private JcaX509v3CertificateBuilder builder(X500Name subject, KeyPair kp) {
        X500Name iss = ca == null ? subject : X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(iss, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                kp.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text, StandardCharsets.US_ASCII);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
