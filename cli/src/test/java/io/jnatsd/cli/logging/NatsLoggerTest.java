package io.jnatsd.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/** The backend as the server library sees it: through the SLF4J API. */
class NatsLoggerTest {
    private static final String PREFIX = "\\[" + ProcessHandle.current().pid() + "\\] ";
    private static final String TIME = "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} ";

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final Logger own = LoggerFactory.getLogger("io.jnatsd.server.Something");
    private final Logger thirdParty = LoggerFactory.getLogger("io.netty.channel.Something");

    private void configure(boolean debug, boolean trace, boolean logtime) {
        LogConfig.configure(new LogSettings(debug, trace, logtime, LogSink.of(sink)));
    }

    private List<String> lines() {
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @AfterEach
    void restoreDefaults() {
        LogConfig.configure(LogSettings.defaults());
    }

    @Test
    void slf4jUsesThisBackend() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(NatsLoggerFactory.class);
        assertThat(own).isInstanceOf(NatsLogger.class);
    }

    @Test
    void startupLinesRenderLikeNatsServer() {
        configure(false, false, true);
        own.info("Starting nats-server");
        own.info("  Version:  {}", "2.2.0");
        own.info("Listening for client connections on {}:{}", "127.0.0.1", 4222);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).matches(PREFIX + TIME + "\\[INF\\] Starting nats-server");
        assertThat(lines().get(1)).matches(PREFIX + TIME + "\\[INF\\]   Version:  2\\.2\\.0");
        assertThat(lines().get(2)).matches(PREFIX + TIME
                + "\\[INF\\] Listening for client connections on 127\\.0\\.0\\.1:4222");
    }

    @Test
    void byDefaultOnlyInfoAndAbove() {
        configure(false, false, false);
        own.trace("t");
        own.debug("d");
        own.info("i");
        own.warn("w");
        own.error("e");
        assertThat(lines()).allMatch(l -> l.matches(PREFIX + "\\[\\w{3}\\] \\w"))
                .extracting(l -> l.substring(l.indexOf("] ") + 2))
                .containsExactly("[INF] i", "[WRN] w", "[ERR] e");
        assertThat(own.isDebugEnabled()).isFalse();
        assertThat(own.isTraceEnabled()).isFalse();
    }

    @Test
    void debugShowsDbgButNotTrc() {
        configure(true, false, false);
        own.trace("t");
        own.debug("d");
        assertThat(lines()).containsExactly("[" + ProcessHandle.current().pid() + "] [DBG] d");
    }

    @Test
    void traceAloneShowsTrcButNotDbgLikeNatsServer() {
        configure(false, true, false);
        own.trace("t");
        own.debug("d");
        assertThat(lines()).containsExactly("[" + ProcessHandle.current().pid() + "] [TRC] t");
        assertThat(own.isTraceEnabled()).isTrue();
        assertThat(own.isDebugEnabled()).isFalse();
    }

    @Test
    void settingsApplyToLoggersCreatedBefore() {
        configure(false, false, false);
        assertThat(own.isDebugEnabled()).isFalse();
        configure(true, true, false);
        assertThat(own.isDebugEnabled()).isTrue();
        assertThat(own.isTraceEnabled()).isTrue();
    }

    @Test
    void librariesDoNotLogDebugOrTrace() {
        configure(true, true, false);
        thirdParty.debug("netty internals");
        thirdParty.trace("netty internals");
        thirdParty.warn("leak");
        assertThat(lines()).containsExactly("[" + ProcessHandle.current().pid() + "] [WRN] leak");
    }

    @Test
    void theFatalMarkerRendersFtl() {
        configure(false, false, false);
        own.error(LogMarkers.FATAL, "Error listening on port: {}", "0.0.0.0:4222");
        own.error(MarkerFactory.getMarker("FATAL"), "by name");
        own.atError().addMarker(LogMarkers.FATAL).log("fluent");
        assertThat(lines()).extracting(l -> l.substring(l.indexOf("] ") + 2))
                .containsExactly("[FTL] Error listening on port: 0.0.0.0:4222", "[FTL] by name", "[FTL] fluent");
    }

    @Test
    void theFluentApiIsRendered() {
        configure(false, false, false);
        own.atInfo().setMessage("Server is {}").addArgument("ready").log();
        own.atDebug().log("hidden");
        assertThat(lines()).containsExactly("[" + ProcessHandle.current().pid() + "] [INF] Server is ready");
    }

    @Test
    void throwablesGiveTheirMessageAndAStackTraceOnlyAtDebug() {
        configure(false, false, false);
        Exception failure = new IllegalStateException("boom", new java.io.IOException("disk full"));
        own.error("Could not write", failure);
        assertThat(lines()).containsExactly("[" + ProcessHandle.current().pid() + "] [ERR] Could not write: boom: disk full");

        sink.reset();
        configure(true, false, false);
        own.error("Could not write", failure);
        assertThat(lines().get(0)).endsWith("[ERR] Could not write: boom: disk full");
        assertThat(lines()).anyMatch(l -> l.startsWith("java.lang.IllegalStateException: boom"))
                .anyMatch(l -> l.contains("at io.jnatsd.cli.logging.NatsLoggerTest"));
    }

    @Test
    void aMessageThatAlreadyDescribesTheThrowableIsNotRepeated() {
        configure(false, false, false);
        Exception failure = new IllegalStateException("Error listening on port: 0.0.0.0:4222");
        own.error(LogMarkers.FATAL, Throwables.describe(failure), failure);
        assertThat(lines()).extracting(l -> l.substring(l.indexOf("] ") + 2))
                .containsExactly("[FTL] Error listening on port: 0.0.0.0:4222");
    }
}
