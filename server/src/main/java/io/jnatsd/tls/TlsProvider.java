package io.jnatsd.tls;

/**
 * Which TLS engine to use. AUTO takes OpenSSL (netty-tcnative BoringSSL) when its native library loads on this
 * machine, else the JDK's SSLEngine; the choice is measured in docs/decisions.md.
 */
public enum TlsProvider {
    AUTO, OPENSSL, JDK;

    /** Set with {@code -Djnatsd.tls.provider=jdk|openssl|auto}; AUTO when unset. */
    public static TlsProvider fromSystemProperty() {
        String v = System.getProperty("jnatsd.tls.provider", "auto");
        return valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
