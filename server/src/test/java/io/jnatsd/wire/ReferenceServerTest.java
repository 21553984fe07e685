package io.jnatsd.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference-server helper: options reach the subprocess, and close really stops it. */
class ReferenceServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void needsReference() {
        ReferenceServer.assumeAvailable();
    }

    private static JsonNode info(int port) throws Exception {
        try (RawClient c = RawClient.connect(port)) {
            return JSON.readTree(c.readInfo());
        }
    }

    @Test
    void configFileOptionsReachTheServer() throws Exception {
        ServerSetup setup = ServerSetup.DEFAULT.maxPayload(8);
        try (ReferenceServer s = setup.startReference()) {
            JsonNode info = info(s.port());
            assertThat(info.get("max_payload").asInt()).isEqualTo(8);
            assertThat(info.get("port").asInt()).isEqualTo(s.port());
            assertThat(info.get("version").asText()).isNotEmpty();
        }
    }

    @Test
    void userAndPasswordFlagsRequireAuth() throws Exception {
        try (ReferenceServer s = ServerSetup.DEFAULT.auth("u", "p").startReference()) {
            assertThat(info(s.port()).get("auth_required").asBoolean()).isTrue();
        }
    }

    @Test
    void authTimeoutGoesThroughTheAuthorizationBlock() throws Exception {
        ServerSetup setup = ServerSetup.DEFAULT.auth("u", "p").authTimeout(Duration.ofMillis(250));
        assertThat(setup.referenceConfig()).contains("timeout: 0.25");
        try (ReferenceServer s = setup.startReference(); RawClient c = RawClient.connect(s.port())) {
            assertThat(JSON.readTree(c.readInfo()).get("auth_required").asBoolean()).isTrue();
            assertThat(c.readLine()).isEqualTo("-ERR 'Authentication Timeout'");
        }
    }

    @Test
    void closeStopsTheProcess() {
        ReferenceServer s = ReferenceServer.start();
        long pid = s.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        s.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void twoServersRunSideBySide() {
        try (ReferenceServer a = ReferenceServer.start(); ReferenceServer b = ReferenceServer.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.logText()).contains("Server is ready");
        }
    }
}
