package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /subsz: the subject index's counters and the subscription list with test-subject filtering and paging. */
@Timeout(30)
class SubszTest {
    private static List<String> subjects(JsonNode subsz) {
        List<String> out = new ArrayList<>();
        JsonNode list = subsz.get("subscriptions_list");
        if (list != null) {
            list.forEach(s -> out.add(s.get("subject").asText()));
        }
        return out;
    }

    @Test
    void countersFollowSubscriptionsAndMatches() throws Exception {
        // Without a system account: its STATSZ publishes would add matches (as they do in nats-server) to the count.
        try (MonitoredServer m = MonitoredServer.start(b -> b.noSystemAccount(true))) {
            JsonNode empty = m.http.json("/subsz");
            assertThat(empty.toString()).isEqualTo("{\"num_subscriptions\":0,\"num_cache\":0,\"num_inserts\":0,"
                    + "\"num_removes\":0,\"num_matches\":0,\"cache_hit_rate\":0,\"max_fanout\":0,\"avg_fanout\":0}");

            RawClient sub = m.raw("{\"verbose\":false}");
            MonitoredServer.sync(sub, "SUB foo 1\r\nSUB > 2\r\nSUB bar q 3\r\nSUB gone 4\r\nUNSUB 4\r\n");
            RawClient pub = m.raw("{\"verbose\":false}");
            // One publisher, so all lookups happen on its event loop and share one match cache: 5 lookups, two
            // subjects, so two misses and three hits. "foo" reaches foo and '>', "bar" reaches '>' and queue q.
            MonitoredServer.sync(pub, "PUB foo 0\r\n\r\nPUB foo 0\r\n\r\nPUB foo 0\r\n\r\nPUB foo 0\r\n\r\n"
                    + "PUB bar 0\r\n\r\n");

            JsonNode s = m.http.json("/subsz");
            assertThat(s.get("num_subscriptions").asInt()).isEqualTo(3);
            assertThat(s.get("num_inserts").asLong()).isEqualTo(4);
            assertThat(s.get("num_removes").asLong()).isEqualTo(1);
            assertThat(s.get("num_matches").asLong()).isEqualTo(5);
            assertThat(s.get("cache_hit_rate").asDouble()).isEqualTo(0.6);
            assertThat(s.get("num_cache").asInt()).isEqualTo(2);
            assertThat(s.get("max_fanout").asInt()).isEqualTo(2);
            assertThat(s.get("avg_fanout").asDouble()).isEqualTo(2.0);
            assertThat(s.has("server_id")).as("bare counters without subs=1, as nats-server 2.9.10").isFalse();

            // A subscription change invalidates every cached result.
            MonitoredServer.sync(sub, "UNSUB 1\r\n");
            JsonNode after = m.http.json("/subsz");
            assertThat(after.get("num_cache").asInt()).isZero();
            assertThat(after.get("num_removes").asLong()).isEqualTo(2);
            assertThat(after.get("num_matches").asLong()).as("matches only grow").isEqualTo(5);
        }
    }

    @Test
    void listsFiltersAndPagesSubscriptions() throws Exception {
        try (MonitoredServer m = MonitoredServer.start()) {
            RawClient a = m.raw("{\"verbose\":false}");
            MonitoredServer.sync(a, "SUB foo 1\r\nSUB foo.* 2\r\nSUB bar q 3\r\n");
            RawClient b = m.raw("{\"verbose\":false}");
            MonitoredServer.sync(b, "SUB > 1\r\nPUB foo 2\r\nhi\r\n");

            JsonNode all = m.http.json("/subsz?subs=1");
            assertThat(all.get("server_id").asText()).isEqualTo(m.server.serverId());
            assertThat(all.has("now")).isTrue();
            assertThat(all.get("total").asInt()).isEqualTo(4);
            assertThat(all.get("offset").asInt()).isZero();
            assertThat(all.get("limit").asInt()).isEqualTo(1024);
            assertThat(subjects(all)).containsExactly("foo", "foo.*", "bar", ">");
            JsonNode foo = all.get("subscriptions_list").get(0);
            assertThat(foo.get("account").asText()).isEqualTo("$G");
            assertThat(foo.get("sid").asText()).isEqualTo("1");
            assertThat(foo.get("msgs").asLong()).isEqualTo(1);
            assertThat(all.get("subscriptions_list").get(2).get("qgroup").asText()).isEqualTo("q");

            assertThat(subjects(m.http.json("/subsz?subs=1&test=foo"))).containsExactly("foo", ">");
            assertThat(subjects(m.http.json("/subsz?subs=1&test=foo.bar"))).containsExactly("foo.*", ">");
            assertThat(subjects(m.http.json("/subsz?subs=1&test=baz"))).containsExactly(">");
            JsonNode page = m.http.json("/subsz?subs=1&offset=1&limit=2");
            assertThat(subjects(page)).containsExactly("foo.*", "bar");
            assertThat(page.get("total").asInt()).isEqualTo(4);
            JsonNode past = m.http.json("/subsz?subs=1&offset=10");
            assertThat(past.has("subscriptions_list")).as("left out when empty").isFalse();
            assertThat(subjects(m.http.json("/subscriptionsz?subs=1&test=bar"))).containsExactly("bar", ">");
        }
    }

    @Test
    void rejectsBadParameters() {
        try (MonitoredServer m = MonitoredServer.start()) {
            ConnzTest.assertBad(m, "/subsz?subs=1&test=foo.*",
                    "invalid test subject, must be valid publish subject: foo.*");
            ConnzTest.assertBad(m, "/subsz?test=a..b", "invalid test subject, must be valid publish subject: a..b");
            ConnzTest.assertBad(m, "/subsz?subs=yes",
                    "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"yes\": invalid syntax");
            ConnzTest.assertBad(m, "/subsz?limit=x",
                    "Error decoding int for 'limit': strconv.Atoi: parsing \"x\": invalid syntax");
        }
    }
}
