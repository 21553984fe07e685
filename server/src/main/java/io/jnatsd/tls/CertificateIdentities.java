package io.jnatsd.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * verify_and_map: the names a client certificate may log in as, in the order nats-server tries them: SAN email
 * addresses, SAN DNS names, SAN URIs, then the subject DN in RFC 2253 form ({@code CN=alice,O=Acme}, most specific
 * first, as Go prints it), then the same DN in the certificate's own order: nats-server matches a configured DN
 * whatever the order of its RDNs.
 */
public final class CertificateIdentities {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateIdentities() {
    }

    public static List<String> of(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            sans = null;
        }
        for (int type : new int[] {SAN_EMAIL, SAN_DNS, SAN_URI}) {
            if (sans != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == type && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        }
        String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        names.add(dn);
        String reversed = reversed(dn);
        if (!reversed.equals(dn)) {
            names.add(reversed);
        }
        return names;
    }

    /** The RDNs in the opposite order; commas escaped inside values ({@code \,}) are kept. */
    private static String reversed(String dn) {
        List<String> rdns = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                rdns.add(dn.substring(start, i));
                start = i + 1;
            }
        }
        rdns.add(dn.substring(start));
        java.util.Collections.reverse(rdns);
        return String.join(",", rdns);
    }
}
