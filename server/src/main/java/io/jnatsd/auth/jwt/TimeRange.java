package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A daily window a user may connect in: {@code {"start":"HH:MM:SS","end":"HH:MM:SS"}}. */
public record TimeRange(String start, String end) {
    static List<TimeRange> listOf(JsonNode array) {
        List<TimeRange> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode t : array) {
                out.add(new TimeRange(NatsJson.text(t, "start"), NatsJson.text(t, "end")));
            }
        }
        return List.copyOf(out);
    }
}
