package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** The system account with jnats: advisories, STATSZ, and the $SYS.REQ.SERVER requests. */
class SystemAccountTest extends JnatsIntegrationTest {
    static final String CONFIG = """
            server_name: sys-test
            accounts {
              A: { users: [ {user: a, password: a} ] }
              SYS: { users: [ {user: sys, password: sys} ] }
            }
            system_account: SYS
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startWithSystemAccount() {
        startServer(b -> PermissionsTest.load(CONFIG, b));
    }

    private Connection as(String user) throws Exception {
        return connect(o -> o.userInfo(user, user).connectionName("n-" + user));
    }

    private static JsonNode json(Message m) throws Exception {
        return JSON.readTree(new String(m.getData(), StandardCharsets.UTF_8));
    }

    @Test
    void connectAndDisconnectAdvisories() throws Exception {
        Connection sys = as("sys");
        Subscription connects = sys.subscribe("$SYS.ACCOUNT.A.CONNECT");
        Subscription disconnects = sys.subscribe("$SYS.ACCOUNT.A.DISCONNECT");
        Subscription conns = sys.subscribe("$SYS.ACCOUNT.A.SERVER.CONNS");
        sys.flush(WAIT);
        Connection a = as("a");
        a.publish("x", new byte[3]);
        a.flush(WAIT);
        JsonNode connect = json(connects.nextMessage(WAIT));
        assertThat(connect.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
        assertThat(connect.get("server").get("name").asText()).isEqualTo("sys-test");
        assertThat(connect.get("server").get("id").asText()).isEqualTo(server().serverId());
        assertThat(connect.get("client").get("acc").asText()).isEqualTo("A");
        assertThat(connect.get("client").get("user").asText()).isEqualTo("a");
        assertThat(connect.get("client").get("name").asText()).isEqualTo("n-a");
        assertThat(connect.get("client").get("lang").asText()).isEqualTo("java");
        assertThat(json(conns.nextMessage(WAIT)).get("conns").asInt()).isEqualTo(1);
        a.close();
        JsonNode gone = json(disconnects.nextMessage(WAIT));
        assertThat(gone.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_disconnect");
        assertThat(gone.get("reason").asText()).isEqualTo("Client Closed");
        assertThat(gone.get("received").get("msgs").asLong()).isEqualTo(1);
        assertThat(gone.get("received").get("bytes").asLong()).isEqualTo(3);
        assertThat(gone.get("client").get("stop").asText()).endsWith("Z");
        assertThat(json(conns.nextMessage(WAIT)).get("conns").asInt()).isEqualTo(0);
    }

    @Test
    void statszIsPublishedAndAnswered() throws Exception {
        Connection sys = as("sys");
        Subscription statsz = sys.subscribe("$SYS.SERVER.*.STATSZ");
        sys.flush(WAIT);
        JsonNode tick = json(statsz.nextMessage(Duration.ofSeconds(3)));
        assertThat(tick.get("statsz").get("connections").asInt()).isEqualTo(1);
        JsonNode ping = json(sys.request("$SYS.REQ.SERVER.PING", null, WAIT));
        assertThat(ping.get("server").get("id").asText()).isEqualTo(server().serverId());
        assertThat(ping.get("statsz").get("active_accounts").asInt()).isEqualTo(1);
    }

    @Test
    void endpointRequestsAnswerWithTheMonitoringJson() throws Exception {
        Connection sys = as("sys");
        Connection a = as("a");
        a.subscribe("some.subject");
        a.flush(WAIT);
        JsonNode varz = json(sys.request("$SYS.REQ.SERVER.PING.VARZ", null, WAIT));
        assertThat(varz.get("data").get("server_id").asText()).isEqualTo(server().serverId());
        assertThat(varz.get("data").get("system_account").asText()).isEqualTo("SYS");
        JsonNode connz = json(sys.request("$SYS.REQ.SERVER." + server().serverId() + ".CONNZ",
                "{\"subscriptions\":true,\"acc\":\"A\"}".getBytes(StandardCharsets.UTF_8), WAIT));
        JsonNode conn = connz.get("data").get("connections").get(0);
        assertThat(connz.get("data").get("num_connections").asInt()).isEqualTo(1);
        assertThat(conn.get("subscriptions_list").get(0).asText()).isEqualTo("some.subject");
        JsonNode health = json(sys.request("$SYS.REQ.SERVER.PING.HEALTHZ", null, WAIT));
        assertThat(health.get("data").get("status").asText()).isEqualTo("ok");
        JsonNode accountz = json(sys.request("$SYS.REQ.SERVER.PING.ACCOUNTZ", null, WAIT));
        assertThat(accountz.get("data").get("accounts")).extracting(JsonNode::asText)
                .containsExactly("$G", "A", "SYS");
    }

    @Test
    void aRequestForAnotherServerNameIsNotAnswered() throws Exception {
        Connection sys = as("sys");
        Message m = sys.request("$SYS.REQ.SERVER.PING.VARZ",
                "{\"server_name\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300));
        assertThat(m).isNull();
    }

    @Test
    void otherAccountsSeeNoSystemTraffic() throws Exception {
        Connection a = as("a");
        Subscription events = a.subscribe("$SYS.SERVER.>");
        Subscription advisories = a.subscribe("$SYS.ACCOUNT.>");
        a.flush(WAIT);
        as("sys").flush(WAIT);
        Message reply = a.request("$SYS.REQ.SERVER.PING", null, Duration.ofMillis(300));
        assertThat(reply).isNull();
        assertThat(events.nextMessage(Duration.ofMillis(600))).as("no STATSZ in account A").isNull();
        assertThat(advisories.nextMessage(Duration.ofMillis(100))).as("no advisories in account A").isNull();
    }

    @Test
    void everyAccountMayAskForItsOwnConnectionsAndStatistics() throws Exception {
        Connection sys = as("sys");
        Connection a = as("a");
        a.flush(WAIT);
        JsonNode connz = json(a.request("$SYS.REQ.SERVER.PING.CONNZ", null, WAIT));
        assertThat(connz.get("data").get("num_connections").asInt()).as("only account A's").isEqualTo(1);
        assertThat(connz.get("data").get("connections").get(0).get("name").asText()).isEqualTo("n-a");
        JsonNode statz = json(a.request("$SYS.REQ.ACCOUNT.PING.STATZ", null, WAIT));
        assertThat(statz.get("data").get("account_statz")).extracting(n -> n.get("acc").asText())
                .containsExactly("A");
        JsonNode info = json(sys.request("$SYS.REQ.ACCOUNT.A.INFO", null, WAIT));
        assertThat(info.get("data").get("account_name").asText()).isEqualTo("A");
        assertThat(info.get("data").get("imports")).extracting(n -> n.get("subject").asText())
                .containsExactly("$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ",
                        "$SYS.REQ.ACCOUNT.PING.STATZ");
        JsonNode jsz = json(sys.request("$SYS.REQ.ACCOUNT.A.JSZ", null, WAIT));
        assertThat(jsz.get("error").get("description").asText()).isEqualTo("jetstream not enabled");
    }
}
