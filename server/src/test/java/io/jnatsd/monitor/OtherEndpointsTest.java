package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints for parts jnatsd does not have yet (routes, gateways, leaf nodes, JetStream) answer in
 * nats-server's shape with empty data; accounts and health answer for what exists.
 */
@Timeout(30)
class OtherEndpointsTest {
    @Test
    void routezGatewayzLeafzAreEmpty() {
        try (MonitoredServer m = MonitoredServer.start()) {
            JsonNode routez = m.http.json("/routez?subs=detail");
            assertThat(routez.get("server_id").asText()).isEqualTo(m.server.serverId());
            assertThat(routez.get("num_routes").asInt()).isZero();
            assertThat(routez.get("routes").isArray()).isTrue();
            assertThat(routez.get("routes").size()).isZero();
            JsonNode gatewayz = m.http.json("/gatewayz");
            assertThat(gatewayz.get("outbound_gateways").isObject()).isTrue();
            assertThat(gatewayz.get("inbound_gateways").size()).isZero();
            JsonNode leafz = m.http.json("/leafz");
            assertThat(leafz.get("leafnodes").asInt()).isZero();
            assertThat(leafz.get("leafs").isNull()).as("nats-server 2.9.10 writes null").isTrue();
            ConnzTest.assertBad(m, "/routez?subs=x",
                    "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"x\": invalid syntax");
            ConnzTest.assertBad(m, "/gatewayz?accs=x",
                    "Error decoding boolean for 'accs': strconv.ParseBool: parsing \"x\": invalid syntax");
            ConnzTest.assertBad(m, "/leafz?subs=x",
                    "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"x\": invalid syntax");
        }
    }

    @Test
    void jszReportsJetStreamDisabled() {
        try (MonitoredServer m = MonitoredServer.start()) {
            JsonNode jsz = m.http.json("/jsz?accounts=1");
            assertThat(jsz.get("disabled").asBoolean()).isTrue();
            assertThat(jsz.get("config").get("max_memory").asLong()).isZero();
            assertThat(jsz.get("api").get("total").asLong()).isZero();
            assertThat(jsz.get("streams").asInt()).isZero();
            ConnzTest.assertBad(m, "/jsz?streams=x",
                    "Error decoding boolean for 'streams': strconv.ParseBool: parsing \"x\": invalid syntax");
            ConnzTest.assertBad(m, "/jsz?offset=x",
                    "Error decoding int for 'offset': strconv.Atoi: parsing \"x\": invalid syntax");
        }
    }

    @Test
    void healthzIsOkAndCompact() {
        try (MonitoredServer m = MonitoredServer.start()) {
            var r = m.http.get("/healthz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(m.http.get("/healthz?js-enabled-only=true").body()).isEqualTo("{\"status\":\"ok\"}");
            ConnzTest.assertBad(m, "/healthz?js-server-only=x",
                    "Error decoding boolean for 'js-server-only': strconv.ParseBool: parsing \"x\": invalid syntax");
        }
    }

    @Test
    void accountzListsAndDescribesAccounts() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient c = m.raw("{\"verbose\":false}");
            MonitoredServer.sync(c, "SUB a 1\r\nSUB b 2\r\n");
            JsonNode list = m.http.json("/accountz");
            assertThat(list.get("system_account").asText()).isEqualTo("$SYS");
            assertThat(list.get("accounts").toString()).isEqualTo("[\"$G\",\"$SYS\"]");

            JsonNode g = m.http.json("/accountz?acc=$G").get("account_detail");
            assertThat(g.get("account_name").asText()).isEqualTo("$G");
            assertThat(g.get("client_connections").asInt()).isEqualTo(1);
            assertThat(g.get("subscriptions").asInt()).isEqualTo(2);
            assertThat(g.get("sublist_stats").get("num_subscriptions").asInt()).isEqualTo(2);
            assertThat(g.has("is_system")).isFalse();
            assertThat(g.get("complete").asBoolean()).isTrue();

            JsonNode sys = m.http.json("/accountz?acc=$SYS").get("account_detail");
            assertThat(sys.get("is_system").asBoolean()).isTrue();
            assertThat(sys.get("client_connections").asInt()).isZero();

            ConnzTest.assertBad(m, "/accountz?acc=NOPE", "Account NOPE does not exist");
        }
    }

    @Test
    void accstatzCountsPerAccount() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            assertThat(m.http.json("/accstatz").get("account_statz").size()).as("no connections yet").isZero();
            assertThat(m.http.json("/accstatz?unused=1").get("account_statz").size()).isEqualTo(2);

            RawClient c = m.raw("{\"verbose\":false}");
            MonitoredServer.sync(c, "SUB a 1\r\nPUB a 4\r\nabcd\r\nPUB b 2\r\nab\r\n");
            JsonNode g = m.http.json("/accstatz").get("account_statz").get(0);
            assertThat(g.get("acc").asText()).isEqualTo("$G");
            assertThat(g.get("conns").asInt()).isEqualTo(1);
            assertThat(g.get("total_conns").asInt()).isEqualTo(1);
            assertThat(g.get("received").get("msgs").asLong()).isEqualTo(2);
            assertThat(g.get("received").get("bytes").asLong()).isEqualTo(6);
            assertThat(g.get("sent").get("msgs").asLong()).isEqualTo(1);
            assertThat(g.get("sent").get("bytes").asLong()).isEqualTo(4);
            assertThat(g.get("slow_consumers").asLong()).isZero();
            ConnzTest.assertBad(m, "/accstatz?unused=x",
                    "Error decoding boolean for 'unused': strconv.ParseBool: parsing \"x\": invalid syntax");
        }
    }
}
