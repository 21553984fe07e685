package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfString;
import java.time.Duration;

/** Duration options: Go duration strings, or (for the older keys) a plain number of seconds with a warning. */
final class DurationValues {
    private DurationValues() {
    }

    /**
     * ping_interval, write_deadline: {@code "2m"}; a bare integer still means seconds but draws nats-server's
     * warning, which {@code -t} treats as an error.
     */
    static Duration stringOrSeconds(String field, ConfEntry entry, LoadContext context) {
        if (entry.value() instanceof ConfString s) {
            return parse(field, s.value());
        }
        context.warning(entry.keyPosition(), "invalid use of field \"" + field + "\": " + field
                + " should be converted to a duration");
        return Duration.ofSeconds(Values.integer(entry.value()));
    }

    /** lame_duck_duration and friends: only the string form is accepted. */
    static Duration stringOnly(String field, ConfEntry entry) {
        return parse(field, Values.string(entry.value()));
    }

    private static Duration parse(String field, String text) {
        try {
            return GoDuration.parse(text);
        } catch (GoDuration.BadDuration e) {
            throw new WrongValue("error parsing " + field + ": " + e.getMessage());
        }
    }
}
