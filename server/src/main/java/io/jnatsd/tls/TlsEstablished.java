package io.jnatsd.tls;

import java.util.List;

/**
 * User event fired down the pipeline once a client's handshake succeeded and its certificate passed the pins.
 *
 * @param identities names for verify_and_map (see {@link CertificateIdentities}); null when not mapping
 */
public record TlsEstablished(List<String> identities, String protocol, String cipherSuite) {
}
