package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /connz on open connections: per-connection values, subscription lists, filters, sorting and paging. */
@Timeout(30)
class ConnzTest {
    private static List<String> names(JsonNode connz) {
        List<String> out = new ArrayList<>();
        connz.get("connections").forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    @Test
    void describesEachConnection() throws Exception {
        try (MonitoredServer m = MonitoredServer.start();
                Connection nc = JnatsClients.connect(m.server, b -> b.connectionName("jnats-client"))) {
            RawClient raw = m.raw("{\"verbose\":false,\"name\":\"raw\",\"lang\":\"shell\",\"version\":\"0.1\"}");
            MonitoredServer.sync(raw, "PUB nowhere 4\r\nabcd\r\nPUB nowhere 2\r\nab\r\n");
            JsonNode connz = m.http.json("/connz");
            assertThat(connz.get("server_id").asText()).isEqualTo(m.server.serverId());
            assertThat(connz.get("num_connections").asInt()).isEqualTo(2);
            assertThat(connz.get("total").asInt()).isEqualTo(2);
            assertThat(connz.get("offset").asInt()).isZero();
            assertThat(connz.get("limit").asInt()).isEqualTo(1024);
            assertThat(names(connz)).containsExactly("jnats-client", "raw");

            JsonNode j = connz.get("connections").get(0);
            assertThat(j.get("lang").asText()).isEqualTo("java");
            assertThat(j.get("version").asText()).isNotEmpty();
            JsonNode r = connz.get("connections").get(1);
            assertThat(r.get("cid").asLong()).isGreaterThan(j.get("cid").asLong());
            assertThat(r.get("kind").asText()).isEqualTo("Client");
            assertThat(r.get("type").asText()).isEqualTo("nats");
            assertThat(r.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(r.get("port").asInt()).isPositive().isNotEqualTo(j.get("port").asInt());
            assertThat(r.get("lang").asText()).isEqualTo("shell");
            assertThat(r.get("version").asText()).isEqualTo("0.1");
            assertThat(r.get("in_msgs").asLong()).isEqualTo(2);
            assertThat(r.get("in_bytes").asLong()).isEqualTo(6);
            assertThat(r.get("pending_bytes").asInt()).isZero();
            assertThat(r.get("subscriptions").asInt()).isZero();
            assertThat(r.get("rtt").asText()).as("estimated at CONNECT, as nats-server does")
                    .matches("[0-9.]+(ns|µs|ms|s)");
            assertThat(r.get("uptime").asText()).matches("[0-9]+s");
            assertThat(r.get("idle").asText()).matches("[0-9]+s");
            OffsetDateTime start = OffsetDateTime.parse(r.get("start").asText());
            OffsetDateTime last = OffsetDateTime.parse(r.get("last_activity").asText());
            assertThat(last).isAfterOrEqualTo(start);
            assertThat(r.has("stop")).isFalse();
            assertThat(r.has("reason")).isFalse();
            assertThat(r.has("subscriptions_list")).isFalse();
            assertThat(r.has("authorized_user")).isFalse();
        }
    }

    @Test
    void listsSubscriptionsAsSubjectsOrDetails() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient sub = m.raw("{\"verbose\":false,\"name\":\"sub\"}");
            MonitoredServer.sync(sub, "SUB foo 1\r\nSUB bar workers 2\r\nSUB baz 3\r\nUNSUB 3 5\r\n");
            RawClient pub = m.raw("{\"verbose\":false,\"name\":\"pub\"}");
            MonitoredServer.sync(pub, "PUB foo 2\r\nhi\r\nPUB foo 2\r\nhi\r\nPUB baz 1\r\nx\r\n");
            MonitoredServer.sync(sub, "");

            JsonNode c = m.http.json("/connz?subs=1").get("connections").get(0);
            assertThat(c.get("subscriptions").asInt()).isEqualTo(3);
            assertThat(c.get("out_msgs").asLong()).isEqualTo(3);
            assertThat(c.get("out_bytes").asLong()).isEqualTo(5);
            assertThat(c.get("subscriptions_list").toString()).isEqualTo("[\"foo\",\"bar\",\"baz\"]");
            assertThat(c.has("subscriptions_list_detail")).isFalse();

            JsonNode d = m.http.json("/connz?subs=detail").get("connections").get(0);
            assertThat(d.has("subscriptions_list")).isFalse();
            JsonNode details = d.get("subscriptions_list_detail");
            long cid = d.get("cid").asLong();
            assertThat(details.toString()).isEqualTo("["
                    + "{\"subject\":\"foo\",\"sid\":\"1\",\"msgs\":2,\"cid\":" + cid + "},"
                    + "{\"subject\":\"bar\",\"qgroup\":\"workers\",\"sid\":\"2\",\"msgs\":0,\"cid\":" + cid + "},"
                    + "{\"subject\":\"baz\",\"sid\":\"3\",\"msgs\":1,\"max\":5,\"cid\":" + cid + "}]");
            JsonNode none = m.http.json("/connz?subs=1").get("connections").get(1);
            assertThat(none.get("name").asText()).isEqualTo("pub");
            assertThat(none.has("subscriptions_list")).as("left out when empty").isFalse();
        }
    }

    @Test
    void authShowsTheUserAndFiltersSelect() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            m.raw("{\"verbose\":false,\"name\":\"a\",\"user\":\"alice\"}");
            m.raw("{\"verbose\":false,\"name\":\"b\",\"user\":\"bob\"}");
            JsonNode withAuth = m.http.json("/connz?auth=true");
            assertThat(withAuth.get("connections").get(0).get("authorized_user").asText()).isEqualTo("alice");
            assertThat(withAuth.get("connections").get(0).has("account")).as("$G is not named").isFalse();
            assertThat(m.http.json("/connz").get("connections").get(0).has("authorized_user")).isFalse();

            assertThat(names(m.http.json("/connz?user=bob"))).containsExactly("b");
            assertThat(names(m.http.json("/connz?acc=$G"))).containsExactly("a", "b");
            assertThat(names(m.http.json("/connz?acc=OTHER"))).isEmpty();
            assertThat(names(m.http.json("/connz?mqtt_client=dev1"))).isEmpty();

            long bobCid = m.http.json("/connz?user=bob").get("connections").get(0).get("cid").asLong();
            JsonNode one = m.http.json("/connz?cid=" + bobCid);
            assertThat(names(one)).containsExactly("b");
            assertThat(one.get("limit").asInt()).isEqualTo(1);
            assertThat(m.http.json("/connz?cid=9999").get("total").asInt()).isZero();
        }
    }

    /**
     * Three connections with distinct values for every sortable counter:
     * <pre>
     *        subs  msgs_from  bytes_from  msgs_to  bytes_to
     *   c1    1      3          3           2        4
     *   c2    3      1         10           3        3
     *   c3    2      2          4           1       10
     * </pre>
     * and activity in the order c1, c2, c3 (so c3 is the most recently active and the youngest).
     */
    @Test
    void sortsByEveryKeyInNatsServersDirection() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient c1 = m.raw("{\"verbose\":false,\"name\":\"c1\"}");
            Thread.sleep(20);
            RawClient c2 = m.raw("{\"verbose\":false,\"name\":\"c2\"}");
            Thread.sleep(20);
            RawClient c3 = m.raw("{\"verbose\":false,\"name\":\"c3\"}");
            MonitoredServer.sync(c1, "SUB x.c1 1\r\n");
            MonitoredServer.sync(c2, "SUB x.c2 1\r\nSUB y.c2 2\r\nSUB z.c2 3\r\n");
            MonitoredServer.sync(c3, "SUB x.c3 1\r\nSUB y.c3 2\r\n");
            MonitoredServer.sync(c1, "PUB x.c2 1\r\na\r\nPUB x.c2 1\r\na\r\nPUB x.c2 1\r\na\r\n");
            MonitoredServer.sync(c2, "PUB x.c3 10\r\n0123456789\r\n");
            MonitoredServer.sync(c3, "PUB x.c1 2\r\nab\r\nPUB x.c1 2\r\nab\r\n");
            Thread.sleep(20);
            MonitoredServer.sync(c1, "");
            Thread.sleep(20);
            MonitoredServer.sync(c2, "");
            Thread.sleep(20);
            MonitoredServer.sync(c3, "");

            assertThat(names(m.http.json("/connz"))).containsExactly("c1", "c2", "c3");
            assertThat(names(m.http.json("/connz?sort=cid"))).containsExactly("c1", "c2", "c3");
            assertThat(names(m.http.json("/connz?sort=start"))).containsExactly("c1", "c2", "c3");
            assertThat(names(m.http.json("/connz?sort=subs"))).containsExactly("c2", "c3", "c1");
            assertThat(names(m.http.json("/connz?sort=msgs_from"))).containsExactly("c1", "c3", "c2");
            assertThat(names(m.http.json("/connz?sort=bytes_from"))).containsExactly("c2", "c3", "c1");
            assertThat(names(m.http.json("/connz?sort=msgs_to"))).containsExactly("c2", "c1", "c3");
            assertThat(names(m.http.json("/connz?sort=bytes_to"))).containsExactly("c3", "c1", "c2");
            assertThat(names(m.http.json("/connz?sort=pending"))).as("ties keep cid order")
                    .containsExactly("c1", "c2", "c3");
            assertThat(names(m.http.json("/connz?sort=last"))).containsExactly("c3", "c2", "c1");
            assertThat(names(m.http.json("/connz?sort=idle"))).containsExactly("c1", "c2", "c3");
            assertThat(names(m.http.json("/connz?sort=uptime"))).containsExactly("c3", "c2", "c1");
            assertThat(names(m.http.json("/connz?sort=rtt"))).hasSize(3);
        }
    }

    @Test
    void pagesWithOffsetAndLimit() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            for (int i = 1; i <= 5; i++) {
                m.raw("{\"verbose\":false,\"name\":\"n" + i + "\"}");
            }
            JsonNode page = m.http.json("/connz?offset=1&limit=2");
            assertThat(names(page)).containsExactly("n2", "n3");
            assertThat(page.get("num_connections").asInt()).isEqualTo(2);
            assertThat(page.get("total").asInt()).isEqualTo(5);
            assertThat(page.get("offset").asInt()).isEqualTo(1);
            assertThat(page.get("limit").asInt()).isEqualTo(2);
            assertThat(names(m.http.json("/connz?offset=4&limit=2"))).containsExactly("n5");
            JsonNode past = m.http.json("/connz?offset=9");
            assertThat(past.get("connections").size()).isZero();
            assertThat(past.get("total").asInt()).isEqualTo(5);
            assertThat(names(m.http.json("/connz?offset=-3&limit=0"))).as("nats-server clamps both").hasSize(5);
        }
    }

    @Test
    void badParametersAreRejectedWithNatsServersWords() {
        try (MonitoredServer m = MonitoredServer.start()) {
            assertBad(m, "/connz?sort=nope", "invalid sorting option: nope");
            assertBad(m, "/connz?sort=stop", "sort by stop only valid on closed connections");
            assertBad(m, "/connz?sort=reason&state=all", "sort by reason only valid on closed connections");
            assertBad(m, "/connz?state=gone", "Error decoding state for gone");
            assertBad(m, "/connz?auth=maybe",
                    "Error decoding boolean for 'auth': strconv.ParseBool: parsing \"maybe\": invalid syntax");
            assertBad(m, "/connz?subs=all",
                    "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"all\": invalid syntax");
            assertBad(m, "/connz?cid=x",
                    "Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"x\": invalid syntax");
        }
    }

    static void assertBad(MonitoredServer m, String path, String message) {
        var r = m.http.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.body()).as(path).isEqualTo(message);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }
}
