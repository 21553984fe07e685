package io.jnatsd.config.load;

import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfFloat;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import io.jnatsd.config.file.SourcePosition;
import io.jnatsd.subject.SubjectValidator;
import io.jnatsd.subject.transform.GoAtoi;
import io.jnatsd.subject.transform.InvalidMappingException;
import io.jnatsd.subject.transform.MapDestination;
import io.jnatsd.subject.transform.SubjectMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mappings} (alias {@code maps}): at the top level for the global account, and (read by the accounts
 * section) inside an account. Each entry maps a source subject to a destination string, one weighted destination
 * {@code {destination, weight, cluster}}, or an array of them. Problems are reported with nats-server 2.9.10's
 * wording and the loading goes on with the next mapping, as nats-server does, except where nats-server gives up
 * on the rest of the block (a destination or cluster that is not a string).
 */
public final class MappingsSection {
    private static final String MAP_TYPE = "map[string]interface {}";
    private static final String ARRAY_TYPE = "[]interface {}";

    /** nats-server stops reading the block here (a Go panic it turns into an error). */
    private static final class GiveUp extends RuntimeException {
        final SourcePosition at;

        GiveUp(SourcePosition at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** One destination entry was refused; the error is already reported. */
    private static final class Skip extends RuntimeException {
        Skip() {
            super(null, null, false, false);
        }
    }

    private MappingsSection() {
    }

    static void register(KeyTable keys) {
        keys.on((e, c) -> {
            c.builder().mappings(mappings(e.value(), c));
            c.setBy("mappings", e.keyPosition());
            c.builder().configBlock(new ConfigBlock("mappings", e.key(), e.keyPosition(), e.value()));
        }, "mappings", "maps");
    }

    /**
     * The mappings of a parsed {@code mappings} value, in file order. Errors go to {@code context}; mappings with
     * errors are left out. A value that is not a map is refused with a {@link WrongValue} (reported at the key by
     * {@link LoadContext#apply}).
     */
    public static List<SubjectMapping> mappings(ConfValue value, LoadContext context) {
        ConfMap block = Values.map(value);
        List<SubjectMapping> out = new ArrayList<>();
        try {
            for (ConfEntry entry : block.entries()) {
                SubjectMapping m = mapping(block, entry, context);
                if (m != null) {
                    out.add(m);
                }
            }
        } catch (GiveUp g) {
            context.error(g.at, g.getMessage());
        }
        return out;
    }

    private static SubjectMapping mapping(ConfMap block, ConfEntry entry, LoadContext context) {
        String source = entry.key();
        if (!SubjectValidator.isValidSubject(source)) {
            context.error(block.position(), "Subject " + GoDuration.quote(source) + " is not a valid subject");
            return null;
        }
        ConfValue v = entry.value();
        if (v instanceof ConfString s) {
            try {
                return SubjectMapping.of(source, s.value());
            } catch (InvalidMappingException e) {
                context.error(entry.keyPosition(), "Error adding mapping for " + GoDuration.quote(source) + " to "
                        + GoDuration.quote(s.value()) + " : " + e.getMessage());
                return null;
            }
        }
        List<MapDestination> destinations = new ArrayList<>();
        SourcePosition last = entry.keyPosition();
        String goType = MAP_TYPE;
        if (v instanceof ConfArray array) {
            goType = ARRAY_TYPE;
            for (ConfValue element : array.elements()) {
                last = element.position();
                try {
                    destinations.add(destination(element, element.position(), context));
                } catch (Skip skipped) {
                    // reported; nats-server goes on with the next destination
                }
            }
        } else {
            try {
                destinations.add(destination(v, entry.keyPosition(), context));
            } catch (Skip skipped) {
                return null;
            }
        }
        try {
            return SubjectMapping.of(source, destinations);
        } catch (InvalidMappingException e) {
            // nats-server 2.9.10 fails formatting this error for the map and array forms and prints Go's panic
            // instead of the reason; the same text is kept so that both servers report the file alike.
            context.error(last, "interface conversion: interface {} is " + goType + ", not string");
            return null;
        }
    }

    /** One {@code {destination, weight, cluster}} entry; {@code at} is where nats-server reports the entry. */
    private static MapDestination destination(ConfValue v, SourcePosition at, LoadContext context) {
        if (!(v instanceof ConfMap m)) {
            context.error(at, "Expected an entry for the mapping destination");
            throw new Skip();
        }
        String subject = "";
        String cluster = null;
        Integer weight = null;
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "dest", "destination" -> subject = string(e.value(), at);
                case "weight" -> weight = weight(e, context);
                case "cluster" -> cluster = string(e.value(), at);
                default -> {
                    context.error(e.keyPosition(), "Unknown field " + GoDuration.quote(e.key())
                            + " for mapping destination");
                    throw new Skip();
                }
            }
        }
        if (weight == null) {
            context.error(at, "Missing weight for mapping destination " + GoDuration.quote(subject));
            throw new Skip();
        }
        return new MapDestination(subject, weight, cluster);
    }

    private static String string(ConfValue v, SourcePosition at) {
        if (v instanceof ConfString s) {
            return s.value();
        }
        throw new GiveUp(at, Values.wrongType(v, "string").getMessage());
    }

    /** A percentage: 40, "40" or "40%", from 0 to 100. */
    private static int weight(ConfEntry e, LoadContext context) {
        long weight;
        if (e.value() instanceof ConfString s) {
            String text = s.value().endsWith("%") ? s.value().substring(0, s.value().length() - 1) : s.value();
            Long n = GoAtoi.parse(text);
            if (n == null) {
                context.error(e.keyPosition(), "Invalid weight " + GoDuration.quote(text)
                        + " for mapping destination");
                throw new Skip();
            }
            weight = n;
        } else if (e.value() instanceof ConfInteger i) {
            weight = i.value();
        } else {
            // nats-server's text ends in a newline here; it is left out so that the report stays one line each.
            context.error(e.keyPosition(), "Unknown entry type for weight of " + goValue(e.value()));
            throw new Skip();
        }
        if (weight > 100 || weight < 0) {
            context.error(e.keyPosition(), "Invalid weight " + weight + " for mapping destination");
            throw new Skip();
        }
        return (int) weight;
    }

    /** Go's %v of a scalar. */
    private static String goValue(ConfValue v) {
        if (v instanceof ConfFloat f) {
            double d = f.value();
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (v instanceof ConfBool b) {
            return Boolean.toString(b.value());
        }
        return v.goTypeName();
    }
}
