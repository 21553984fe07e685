package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfFloat;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import io.jnatsd.config.file.SourcePosition;
import io.jnatsd.tls.CertificatePins;
import io.jnatsd.tls.CipherSuiteNames;
import io.jnatsd.tls.CurveNames;
import io.jnatsd.tls.TlsConfigException;
import io.jnatsd.tls.TlsContexts;
import io.jnatsd.tls.TlsProvider;
import io.jnatsd.tls.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The top-level {@code tls {}} block (client connections, and the HTTPS monitor) and {@code allow_non_tls}.
 * Errors use nats-server 2.9.10's words and positions: a bad key at the key, a bad list element at the element,
 * a missing or unusable file at the block. The certificate and key are loaded here already, so a broken pair is
 * a config error (as in nats-server), not a start failure.
 */
final class TlsSection {
    /** Keys nats-server accepts in a tls block that jnatsd takes but does not act on. */
    private static final Set<String> ACCEPTED_UNUSED = Set.of("insecure", "connection_rate_limit");

    private static final class Fields {
        String certFile;
        String keyFile;
        String caFile;
        boolean verify;
        boolean verifyAndMap;
        Duration timeout = TlsSettings.DEFAULT_TIMEOUT;
        List<String> ciphers = List.of();
        List<String> curves = List.of();
        Set<String> pins = Set.of();
        boolean handshakeFirst;
        Duration handshakeFirstFallback;
    }

    /** Stops reading the block at the first problem, as nats-server's parseTLS does. */
    private static final class BlockError extends RuntimeException {
        final SourcePosition at;

        BlockError(SourcePosition at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private TlsSection() {
    }

    static void register(KeyTable keys) {
        keys.on(TlsSection::tls, "tls")
                .on((e, c) -> c.builder().allowNonTls(Values.bool(e.value())), "allow_non_tls");
    }

    private static void tls(ConfEntry entry, LoadContext context) {
        TlsSettings s = read(entry, context);
        if (s != null) {
            context.builder().tls(s);
            context.setBy("tls", entry.keyPosition());
        }
    }

    /**
     * One tls block, checked (its files loaded) as the top-level one is; also what the cluster block uses. Null
     * when a problem inside the block was reported to {@code context}.
     */
    static TlsSettings read(ConfEntry entry, LoadContext context) {
        ConfMap map = Values.map(entry.value());
        Fields f = new Fields();
        try {
            for (ConfEntry e : map.entries()) {
                field(e, f);
            }
        } catch (BlockError e) {
            context.error(e.at, e.getMessage());
            return null;
        }
        // Neither is fine (nats-server then requires TLS it cannot do); one without the other is not.
        if (f.certFile == null && f.keyFile != null) {
            throw new WrongValue("missing 'cert_file' in TLS configuration");
        }
        if (f.keyFile == null && f.certFile != null) {
            throw new WrongValue("missing 'key_file' in TLS configuration");
        }
        TlsSettings s = new TlsSettings(f.certFile, f.keyFile, f.caFile, f.verify, f.verifyAndMap, f.timeout,
                f.ciphers, f.curves, f.pins, f.handshakeFirst, f.handshakeFirstFallback,
                TlsProvider.fromSystemProperty());
        try {
            TlsContexts.forServer(s); // loads and checks the files now
        } catch (TlsConfigException e) {
            throw new WrongValue(e.getMessage());
        }
        return s;
    }

    private static void field(ConfEntry e, Fields f) {
        String key = e.key().toLowerCase(Locale.ROOT);
        switch (key) {
            case "cert_file" -> f.certFile = fileName(e);
            case "key_file" -> f.keyFile = fileName(e);
            case "ca_file" -> f.caFile = fileName(e);
            case "verify" -> f.verify = bool(e);
            case "verify_and_map", "map" -> f.verifyAndMap = bool(e);
            case "timeout" -> f.timeout = timeout(e);
            case "cipher_suites" -> f.ciphers = names(e, CipherSuiteNames::jdkName, "unrecognized cipher ");
            case "curve_preferences" -> f.curves = names(e, CurveNames::groupName,
                    "unrecognized curve preference ");
            case "pinned_certs" -> f.pins = pins(e);
            case "handshake_first", "first" -> handshakeFirst(e, f);
            case "verify_cert_and_check_known_urls" -> throw new BlockError(e.keyPosition(),
                    "verify_cert_and_check_known_urls not supported in this context"); // leaf/route only
            default -> {
                if (!ACCEPTED_UNUSED.contains(key) && !e.referenced()) {
                    throw new BlockError(e.keyPosition(), "error parsing tls config, unknown field [\"" + e.key()
                            + "\"]");
                }
            }
        }
    }

    private static String fileName(ConfEntry e) {
        if (e.value() instanceof ConfString s) {
            return s.value();
        }
        throw new BlockError(e.keyPosition(), "error parsing tls config, expected '" + e.key()
                + "' to be filename");
    }

    private static boolean bool(ConfEntry e) {
        if (e.value() instanceof ConfBool b) {
            return b.value();
        }
        throw new BlockError(e.keyPosition(), "error parsing tls config, expected '" + e.key()
                + "' to be a boolean");
    }

    /** Seconds (integer or fraction), or a Go duration string. */
    private static Duration timeout(ConfEntry e) {
        ConfValue v = e.value();
        if (v instanceof ConfInteger i) {
            return Duration.ofSeconds(i.value());
        }
        if (v instanceof ConfFloat fl) {
            return Duration.ofNanos((long) (fl.value() * 1e9));
        }
        if (v instanceof ConfString s) {
            try {
                return GoDuration.parse(s.value());
            } catch (GoDuration.BadDuration ex) {
                throw new BlockError(e.keyPosition(), "error parsing tls config, 'timeout' " + ex.getMessage());
            }
        }
        throw new BlockError(e.keyPosition(), "error parsing tls config, 'timeout' wrong type");
    }

    private interface NameMap {
        String map(String goName);
    }

    private static List<String> names(ConfEntry e, NameMap map, String unknownPrefix) {
        List<String> out = new ArrayList<>();
        for (ConfValue el : array(e)) {
            String name = el instanceof ConfString s ? s.value() : String.valueOf(el);
            String mapped = map.map(name);
            if (mapped == null) {
                throw new BlockError(inside(el), unknownPrefix + name);
            }
            out.add(mapped);
        }
        return out;
    }

    private static Set<String> pins(ConfEntry e) {
        Set<String> out = new LinkedHashSet<>();
        for (ConfValue el : array(e)) {
            String pin = el instanceof ConfString s ? s.value() : String.valueOf(el);
            if (!CertificatePins.looksLikePin(pin)) {
                throw new BlockError(inside(el), "error parsing tls config, 'pinned_certs' key " + pin
                        + " does not look like hex-encoded sha256 of DER encoded SubjectPublicKeyInfo");
            }
            out.add(CertificatePins.normalize(pin));
        }
        return out;
    }

    /** nats-server points at a quoted list element's first character, after the quote; ours is at the quote. */
    private static SourcePosition inside(ConfValue el) {
        SourcePosition p = el.position();
        return el instanceof ConfString ? new SourcePosition(p.file(), p.line(), p.column() + 1) : p;
    }

    private static List<ConfValue> array(ConfEntry e) {
        if (e.value() instanceof ConfArray a) {
            return a.elements();
        }
        throw new BlockError(e.keyPosition(), "error parsing tls config, '" + e.key() + "' should be an array");
    }

    /**
     * nats-server 2.10's handshake_first: true/false; {@code "auto"} (fall back to a plain INFO after 50ms of client
     * silence) or a duration string (that delay).
     */
    private static void handshakeFirst(ConfEntry e, Fields f) {
        if (e.value() instanceof ConfBool b) {
            f.handshakeFirst = b.value();
            f.handshakeFirstFallback = null;
            return;
        }
        if (e.value() instanceof ConfString s) {
            String t = s.value().toLowerCase(Locale.ROOT);
            switch (t) {
                case "true", "on", "yes" -> {
                    f.handshakeFirst = true;
                    f.handshakeFirstFallback = null;
                }
                case "false", "off", "no" -> {
                    f.handshakeFirst = false;
                    f.handshakeFirstFallback = null;
                }
                case "auto", "auto_fallback" -> {
                    f.handshakeFirst = true;
                    f.handshakeFirstFallback = TlsSettings.DEFAULT_HANDSHAKE_FIRST_FALLBACK;
                }
                default -> {
                    try {
                        f.handshakeFirstFallback = GoDuration.parse(s.value());
                        f.handshakeFirst = true;
                    } catch (GoDuration.BadDuration ex) {
                        throw new BlockError(e.keyPosition(), "error parsing tls config, 'handshake_first' "
                                + ex.getMessage());
                    }
                }
            }
            return;
        }
        throw new BlockError(e.keyPosition(), "error parsing tls config, expected 'handshake_first' to be a boolean"
                + " or a duration");
    }
}
