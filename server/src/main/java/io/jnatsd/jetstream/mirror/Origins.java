package io.jnatsd.jetstream.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream's {@code mirror} and {@code sources} settings. Validation errors are returned as
 * {@code {code, err_code, description}} for the API layer to throw (this package does not see its error type).
 *
 * @param mirror null = not a mirror
 * @param sources empty = none
 */
public record Origins(Origin mirror, List<Origin> sources) {
    public static final Origins NONE = new Origins(null, List.of());

    /** A config error as nats-server reports it. */
    public record Refusal(int code, int errCode, String description) {
    }

    public static Origins parse(JsonNode n) {
        Origin mirror = n.path("mirror").isObject() ? Origin.parse(n.get("mirror")) : null;
        List<Origin> sources = new ArrayList<>();
        n.path("sources").forEach(s -> sources.add(Origin.parse(s)));
        return mirror == null && sources.isEmpty() ? NONE : new Origins(mirror, List.copyOf(sources));
    }

    public boolean any() {
        return mirror != null || !sources.isEmpty();
    }

    /** nats-server 2.9.10's checks of a config with a mirror or sources; null when fine. */
    public Refusal check(String streamName, boolean hasSubjects) {
        if (mirror != null) {
            if (hasSubjects) {
                return new Refusal(400, 10034, "stream mirrors can not contain subjects");
            }
            if (!sources.isEmpty()) {
                return new Refusal(400, 10031, "stream mirrors can not also contain other sources");
            }
            if (mirror.name().equals(streamName) && mirror.apiPrefix() == null) {
                return new Refusal(500, 10052, "detected cycle");
            }
        }
        List<Origin> all = new ArrayList<>(sources);
        if (mirror != null) {
            all.add(mirror);
        }
        for (Origin o : all) {
            String api = o.apiPrefix();
            if (api != null && (api.equals("$JS.API") || api.startsWith("$JS.API.") || api.equals("$JS.>")
                    || api.equals(">"))) {
                return new Refusal(400, 10021, "stream external api prefix " + api + " must not overlap with "
                        + "$JS.API");
            }
        }
        for (Origin s : sources) {
            if (s.name().equals(streamName) && s.apiPrefix() == null) {
                return new Refusal(500, 10052, "detected cycle");
            }
        }
        return null;
    }

    /** Writes {@code mirror} and {@code sources} (only when set, as nats-server omits them). */
    public void write(ObjectNode c) {
        if (mirror != null) {
            c.set("mirror", mirror.toJson());
        }
        if (!sources.isEmpty()) {
            var a = c.putArray("sources");
            sources.forEach(s -> a.add(s.toJson()));
        }
    }
}
