package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/** The key forms Go's crypto/tls reads, written by BouncyCastle as openssl writes them. */
class PemFilesTest {
    private static byte[] opensslStyle(Object key) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(key);
        }
        return w.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] openssl(byte[] stdin, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    /** openssl's own SEC1 output (with the curve parameters BouncyCastle leaves out), compared with its PKCS#8. */
    @Test
    void sec1EcKeyAsOpensslWritesIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/openssl").canExecute(),
                "openssl not installed");
        byte[] sec1 = openssl(new byte[0], "ecparam", "-name", "secp384r1", "-genkey", "-noout");
        assertThat(new String(sec1, StandardCharsets.US_ASCII)).contains("BEGIN EC PRIVATE KEY");
        byte[] pkcs8 = openssl(sec1, "pkcs8", "-topk8", "-nocrypt");
        ECPrivateKey read = (ECPrivateKey) PemFiles.privateKey(sec1);
        ECPrivateKey expected = (ECPrivateKey) PemFiles.privateKey(pkcs8);
        assertThat(read.getS()).isEqualTo(expected.getS());
        assertThat(read.getParams().getCurve()).isEqualTo(expected.getParams().getCurve());
    }

    @Test
    void pkcs1RsaKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] pem = opensslStyle(kp.getPrivate());
        assertThat(new String(pem, StandardCharsets.US_ASCII)).contains("BEGIN RSA PRIVATE KEY");
        RSAPrivateCrtKey read = (RSAPrivateCrtKey) PemFiles.privateKey(pem);
        assertThat(read.getPrivateExponent()).isEqualTo(((RSAPrivateCrtKey) kp.getPrivate()).getPrivateExponent());
    }
}
