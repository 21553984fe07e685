package io.jnatsd.account;

import java.time.Duration;
import java.util.List;

/**
 * One entry of an account's {@code exports}: a stream (messages published in the account flow to importers) or a
 * service (importers' requests flow in, responses flow back). Public when {@code accounts} is empty, otherwise only
 * the listed accounts may import it.
 */
public record Export(boolean service, String subject, List<String> accounts, ResponseType responseType,
        Duration responseThreshold) {
    /** nats-server's default time a service may take to answer before the reply mapping is dropped. */
    public static final Duration DEFAULT_RESPONSE_THRESHOLD = Duration.ofMinutes(2);

    public Export {
        accounts = List.copyOf(accounts);
    }

    public boolean isPublic() {
        return accounts.isEmpty();
    }

    /** Whether {@code importer} may import {@code importSubject} through this export. */
    public boolean allows(String importer, String importSubject) {
        return (isPublic() || accounts.contains(importer))
                && io.jnatsd.auth.SubjectPattern.covers(subject, importSubject);
    }
}
