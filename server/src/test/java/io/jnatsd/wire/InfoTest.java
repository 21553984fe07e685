package io.jnatsd.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The values in jnatsd's INFO: the differential test compares field names only, this checks what is in them. */
class InfoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    @Test
    void defaultInfoHasTheReferenceFieldsAndValues() throws Exception {
        try (NatsServer s = TestServers.start(); RawClient c = RawClient.connect(s.port())) {
            String line = c.readLine();
            // 2.9.10 ends the INFO JSON with a blank before CRLF; clients cope either way, but bytes should match.
            assertThat(line).startsWith("INFO {").endsWith("} ");
            JsonNode info = JSON.readTree(line.substring(5));
            assertThat(names(info)).containsExactlyElementsOf(ServerSetup.BASE_INFO_FIELDS);
            assertThat(info.get("server_id").asText()).hasSize(56).startsWith("N").isEqualTo(s.serverId());
            assertThat(info.get("server_name").asText()).isEqualTo(s.serverId());
            assertThat(info.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(info.get("proto").isInt()).isTrue();
            assertThat(info.get("proto").asInt()).isEqualTo(1);
            assertThat(info.get("go").asText()).isNotEmpty();
            assertThat(info.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(info.get("port").asInt()).isEqualTo(s.port());
            assertThat(info.get("headers").asBoolean()).isTrue();
            assertThat(info.get("max_payload").asLong()).isEqualTo(1048576);
            assertThat(info.get("client_id").isIntegralNumber()).isTrue();
            assertThat(info.get("client_id").asLong()).isPositive();
            assertThat(info.get("client_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(info.has("auth_required")).isFalse();
        }
    }

    @Test
    void eachConnectionGetsItsOwnClientId() throws Exception {
        try (NatsServer s = TestServers.start(); RawClient a = RawClient.connect(s.port());
                RawClient b = RawClient.connect(s.port())) {
            long idA = JSON.readTree(a.readInfo()).get("client_id").asLong();
            long idB = JSON.readTree(b.readInfo()).get("client_id").asLong();
            assertThat(idA).isNotEqualTo(idB);
        }
    }

    @Test
    void maxPayloadOptionIsAdvertised() throws Exception {
        try (NatsServer s = TestServers.start(b -> b.maxPayload(8)); RawClient c = RawClient.connect(s.port())) {
            assertThat(JSON.readTree(c.readInfo()).get("max_payload").asInt()).isEqualTo(8);
        }
    }

    @Test
    void authRequiredComesBeforeMaxPayloadWhenUserAndPasswordAreSet() throws Exception {
        try (NatsServer s = TestServers.start(b -> b.user("u").password("p"));
                RawClient c = RawClient.connect(s.port())) {
            JsonNode info = JSON.readTree(c.readInfo());
            assertThat(info.get("auth_required").asBoolean()).isTrue();
            List<String> names = names(info);
            assertThat(names.indexOf("auth_required")).isEqualTo(names.indexOf("max_payload") - 1);
        }
    }

    @Test
    void serverNameOptionIsAdvertised() throws Exception {
        try (NatsServer s = TestServers.start(b -> b.serverName("n1")); RawClient c = RawClient.connect(s.port())) {
            assertThat(JSON.readTree(c.readInfo()).get("server_name").asText()).isEqualTo("n1");
        }
    }
}
