package io.jnatsd.config.load;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfEntry;
import java.time.Duration;
import java.util.function.BiConsumer;

/** Limits and timers: max_payload, max_connections, ping_interval, lame_duck_duration, ... */
final class LimitKeys {
    private static final Duration LAME_DUCK_MINIMUM = Duration.ofSeconds(30);

    private LimitKeys() {
    }

    static void register(KeyTable keys) {
        keys.on((e, c) -> {
            c.builder().maxPayload(int32("max_payload", e));
            c.setBy("max_payload", e.keyPosition());
        }, "max_payload")
                .on((e, c) -> {
                    c.builder().maxControlLine(int32("max_control_line", e));
                    c.setBy("max_control_line", e.keyPosition());
                }, "max_control_line")
                .on((e, c) -> {
                    c.builder().maxPending(Values.integer(e.value()));
                    c.setBy("max_pending", e.keyPosition());
                }, "max_pending")
                .on(integer("max_connections", ServerOptions.Builder::maxConnections), "max_connections", "max_conn")
                .on(integer("max_subscriptions", ServerOptions.Builder::maxSubscriptions),
                        "max_subscriptions", "max_subs")
                .on(LimitKeys::maxSubTokens, "max_sub_tokens")
                .on(integer("ping_max", ServerOptions.Builder::pingMax), "ping_max")
                .on(integer("max_traced_msg_len", ServerOptions.Builder::maxTracedMsgLen), "max_traced_msg_len")
                .on(integer("connect_error_reports", ServerOptions.Builder::connectErrorReports),
                        "connect_error_reports")
                .on(integer("reconnect_error_reports", ServerOptions.Builder::reconnectErrorReports),
                        "reconnect_error_reports")
                // Not a 2.9.10 key (added later), accepted because jnatsd has the option.
                .on(integer("max_closed_clients", ServerOptions.Builder::maxClosedClients), "max_closed_clients")
                .on((e, c) -> {
                    c.builder().pingInterval(DurationValues.stringOrSeconds("ping_interval", e, c));
                    c.setBy("ping_interval", e.keyPosition());
                }, "ping_interval")
                .on((e, c) -> {
                    c.builder().writeDeadline(DurationValues.stringOrSeconds("write_deadline", e, c));
                    c.setBy("write_deadline", e.keyPosition());
                }, "write_deadline")
                .on(LimitKeys::lameDuckDuration, "lame_duck_duration")
                .on(LimitKeys::lameDuckGracePeriod, "lame_duck_grace_period")
                .on((e, c) -> c.builder().noHeaderSupport(Values.bool(e.value())), "no_header_support")
                .on((e, c) -> c.builder().noSublistCache(Values.bool(e.value())),
                        "disable_sublist_cache", "no_sublist_cache");
    }

    private static KeyHandler integer(String option, BiConsumer<ServerOptions.Builder, Integer> setter) {
        return (e, c) -> {
            setter.accept(c.builder(), Values.intValue(e.value()));
            c.setBy(option, e.keyPosition());
        };
    }

    /** nats-server keeps these in 32 bits and refuses larger values with this wording. */
    private static int int32(String field, ConfEntry e) {
        long v = Values.integer(e.value());
        if (v > Integer.MAX_VALUE) {
            throw new WrongValue(field + " value is too big");
        }
        return (int) Math.max(Integer.MIN_VALUE, v);
    }

    private static void maxSubTokens(ConfEntry e, LoadContext c) {
        long v = Values.integer(e.value());
        if (v > ServerOptions.MAX_SUB_TOKENS_LIMIT) {
            throw new WrongValue("max_sub_tokens value is too big");
        }
        if (v < 0) {
            throw new WrongValue("max_sub_tokens value can not be negative");
        }
        c.builder().maxSubTokens((int) v);
        c.setBy("max_sub_tokens", e.keyPosition());
    }

    private static void lameDuckDuration(ConfEntry e, LoadContext c) {
        Duration d = DurationValues.stringOnly("lame_duck_duration", e);
        if (d.compareTo(LAME_DUCK_MINIMUM) < 0) {
            throw new WrongValue("invalid lame_duck_duration of " + GoDuration.format(d)
                    + ", minimum is 30 seconds");
        }
        c.builder().lameDuckDuration(d);
        c.setBy("lame_duck_duration", e.keyPosition());
    }

    private static void lameDuckGracePeriod(ConfEntry e, LoadContext c) {
        Duration d = DurationValues.stringOnly("lame_duck_grace_period", e);
        if (d.isNegative()) {
            throw new WrongValue("invalid lame_duck_grace_period, needs to be positive");
        }
        c.builder().lameDuckGracePeriod(d);
        c.setBy("lame_duck_grace_period", e.keyPosition());
    }
}
