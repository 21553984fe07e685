package io.jnatsd.cli.logging;

import org.slf4j.event.Level;

/** nats-server's level tags. FTL has no SLF4J level: it is ERROR plus the {@link LogMarkers#FATAL} marker. */
public enum NatsLevel {
    FATAL("[FTL]"),
    ERROR("[ERR]"),
    WARN("[WRN]"),
    INFO("[INF]"),
    DEBUG("[DBG]"),
    TRACE("[TRC]");

    private final String tag;

    NatsLevel(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    static NatsLevel of(Level level) {
        switch (level) {
            case ERROR: return ERROR;
            case WARN: return WARN;
            case INFO: return INFO;
            case DEBUG: return DEBUG;
            default: return TRACE;
        }
    }
}
