package io.jnatsd.config.load;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.config.ResolverSettings;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Operator mode keys: {@code operator} (JWT files or inline JWTs), {@code trusted} (operator public keys),
 * {@code resolver} ({@code MEMORY}, or a map with {@code type: full|cache}) and {@code resolver_preload}.
 * The whole-model checks (resolver required, no configured users) are in {@code ServerOptions.Builder.build()}.
 */
final class OperatorSection {
    private static final String BAD_RESOLVER = "error parsing account resolver, should be MEM or  URL(\"url\") "
            + "or a map containing dir and type state=[FULL|CACHE])";

    private OperatorSection() {
    }

    static void register(KeyTable keys) {
        keys.on(OperatorSection::operators,
                        "operator", "operators", "root", "roots", "root_operator", "root_operators")
                .on(OperatorSection::resolver, "resolver", "account_resolver", "accounts_resolver")
                .on(OperatorSection::preload, "resolver_preload")
                .on(OperatorSection::trusted, "trusted", "trusted_keys");
    }

    private static void trusted(ConfEntry e, LoadContext c) {
        List<String> keys = strings(e.value());
        for (String k : keys) {
            if (NKeys.typeOf(k) != NKeyType.OPERATOR) {
                throw new WrongValue("trust key \"" + k + "\" required to be a valid public operator nkey");
            }
        }
        c.builder().trustedKeys(keys);
    }

    private static void operators(ConfEntry e, LoadContext c) {
        List<OperatorClaims> out = new ArrayList<>();
        for (String text : strings(e.value())) {
            out.add(operator(text));
        }
        c.builder().trustedOperators(out);
    }

    /** A JWT file's path, or the JWT itself (nats-server tries the file first). */
    private static OperatorClaims operator(String text) {
        String jwt = text;
        Path file = Path.of(text);
        if (Files.isRegularFile(file)) {
            try {
                jwt = jwtIn(Files.readString(file));
            } catch (IOException e) {
                throw new WrongValue("error parsing operator JWT: " + e.getMessage());
            }
        } else if (!text.startsWith("eyJ")) {
            throw new WrongValue("error parsing operator JWT: open " + text + ": no such file or directory");
        }
        try {
            return OperatorClaims.decode(jwt);
        } catch (JwtException ex) {
            throw new WrongValue("error parsing operator JWT: " + ex.getMessage());
        }
    }

    /** The JWT of a file that holds it alone or between nsc's {@code -----BEGIN ...} lines. */
    private static String jwtIn(String fileText) {
        for (String line : fileText.split("\\R")) {
            String l = line.trim();
            if (l.startsWith("eyJ")) {
                return l;
            }
        }
        return fileText.trim();
    }

    private static void resolver(ConfEntry e, LoadContext c) {
        Map<String, String> preload = Map.of(); // resolver_preload may come before or after; the builder merges
        ConfValue v = e.value();
        if (v instanceof ConfString s) {
            String text = s.value().trim();
            if (text.equalsIgnoreCase("MEMORY")) {
                c.builder().resolver(ResolverSettings.memory(preload));
                return;
            }
            if (text.toUpperCase(Locale.ROOT).startsWith("URL(")) {
                throw new WrongValue("URL account resolver is not supported by jnatsd: use resolver "
                        + "{type: full} or MEMORY");
            }
            throw new WrongValue(BAD_RESOLVER);
        }
        ConfMap m = Values.map(v);
        String type = "";
        String dir = "";
        boolean allowDelete = false;
        Duration interval = ResolverSettings.DEFAULT_INTERVAL;
        Duration timeout = ResolverSettings.DEFAULT_TIMEOUT;
        Duration ttl = ResolverSettings.DEFAULT_TTL;
        int limit = -1;
        for (ConfEntry k : m.entries()) {
            switch (k.key().toLowerCase(Locale.ROOT)) {
                case "type" -> type = Values.string(k.value()).toLowerCase(Locale.ROOT);
                case "dir" -> dir = Values.string(k.value());
                case "allow_delete" -> allowDelete = Values.bool(k.value());
                case "interval" -> interval = DurationValues.stringOnly("interval", k);
                case "timeout" -> timeout = DurationValues.stringOnly("timeout", k);
                case "ttl" -> ttl = DurationValues.stringOnly("ttl", k);
                case "limit" -> limit = Values.intValue(k.value());
                default -> {
                    // nats-server ignores other keys of the resolver block
                }
            }
        }
        ResolverSettings.Type t = switch (type) {
            case "full" -> ResolverSettings.Type.FULL;
            case "cache" -> ResolverSettings.Type.CACHE;
            default -> throw new WrongValue(BAD_RESOLVER);
        };
        if (dir.isEmpty()) {
            dir = ".";
        }
        if (limit < 0) {
            limit = t == ResolverSettings.Type.CACHE ? ResolverSettings.DEFAULT_CACHE_LIMIT : 0;
        }
        c.builder().resolver(new ResolverSettings(t, dir, allowDelete, interval, limit, timeout, ttl, preload));
    }

    private static void preload(ConfEntry e, LoadContext c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfEntry k : Values.map(e.value()).entries()) {
            String jwt = Values.string(k.value()).trim();
            try {
                AccountClaims.decode(jwt);
            } catch (JwtException bad) {
                c.error(k.keyPosition(), "invalid account JWT");
                continue;
            }
            out.put(k.key(), jwt);
        }
        c.builder().resolverPreload(out);
    }

    private static List<String> strings(ConfValue v) {
        List<String> out = new ArrayList<>();
        if (v instanceof ConfArray a) {
            for (ConfValue x : a.elements()) {
                out.add(Values.string(x));
            }
        } else {
            out.add(Values.string(v));
        }
        return out;
    }
}
