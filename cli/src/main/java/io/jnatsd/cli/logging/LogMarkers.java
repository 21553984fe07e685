package io.jnatsd.cli.logging;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Markers this backend understands. Any library can use a marker of the same name; it need not import this. */
public final class LogMarkers {
    /** On an ERROR call, renders the line as nats-server's [FTL] instead of [ERR]. */
    public static final String FATAL_NAME = "FATAL";
    public static final Marker FATAL = MarkerFactory.getMarker(FATAL_NAME);

    private LogMarkers() {
    }
}
