package io.jnatsd.integration;

import io.jnatsd.testing.JetStreamPair;
import io.jnatsd.testing.JsApiReplies;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same stream API requests and publishes to nats-server 2.9.10 -js and to jnatsd: pub acks byte for byte,
 * API replies by field names (values such as times differ), errors by code.
 */
class JetStreamStreamsDifferentialTest {
    private static JetStreamPair servers;

    @BeforeAll
    static void start() throws IOException {
        servers = JetStreamPair.start("js");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void sameRepliesForTheSameSession() throws IOException {
        assertThat(session(servers.jnatsd.port())).isEqualTo(session(servers.reference.port()));
    }

    private static List<String> session(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            api(c, out, "$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1.>\"],\"max_msgs\":2,"
                    + "\"discard\":\"new\"}");
            String hdr = "NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n";
            for (int i = 0; i < 2; i++) {
                c.send("HPUB s1.a _R " + hdr.length() + " " + (hdr.length() + 2) + "\r\n" + hdr + "hi\r\n");
                out.add(reply(c)); // the second one is a duplicate
            }
            c.send("PUB s1.b _R 2\r\nyo\r\n");
            out.add(reply(c));
            c.send("PUB s1.b _R 2\r\nyo\r\n");
            out.add(reply(c)); // full: discard new
            String exp = "NATS/1.0\r\nNats-Expected-Last-Sequence: 5\r\n\r\n";
            c.send("HPUB s1.c _R " + exp.length() + " " + (exp.length() + 1) + "\r\n" + exp + "x\r\n");
            out.add(reply(c));
            api(c, out, "$JS.API.STREAM.INFO.S1", "");
            api(c, out, "$JS.API.STREAM.MSG.GET.S1", "{\"seq\":1}");
            api(c, out, "$JS.API.STREAM.MSG.GET.S1", "{\"seq\":9}");
            api(c, out, "$JS.API.STREAM.NAMES", "");
            api(c, out, "$JS.API.STREAM.LIST", "");
            api(c, out, "$JS.API.STREAM.INFO.NOPE", "");
            api(c, out, "$JS.API.STREAM.MSG.DELETE.S1", "{\"seq\":2}");
            api(c, out, "$JS.API.STREAM.PURGE.S1", "");
            api(c, out, "$JS.API.STREAM.CREATE.S3", "not json");
            api(c, out, "$JS.API.STREAM.CREATE.S4", "{\"name\":\"S5\"}");
            api(c, out, "$JS.API.STREAM.DELETE.S1", "");
            api(c, out, "$JS.API.INFO", "");
        }
        return out;
    }

    @Test
    void fieldsOfTheWrongTypeAreInvalidJsonAndChangeNothing() throws IOException {
        List<String> ours = typed(servers.jnatsd.port());
        assertThat(ours).isEqualTo(typed(servers.reference.port()));
        assertThat(String.join("\n", ours)).contains("10025");
    }

    private static List<String> typed(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":\"t.x\"}");
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"max_age\":\"1h\"}");
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"max_msgs\":1.5}");
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"republish\":\"x\"}");
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],"
                    + "\"sources\":[{\"name\":5}]}");
            api(c, out, "$JS.API.STREAM.NAMES", ""); // none of the above was created
            api(c, out, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"max_msgs\":null}");
            api(c, out, "$JS.API.STREAM.UPDATE.T", "{\"name\":\"T\",\"subjects\":[\"t.>\"],\"deny_delete\":\"yes\"}");
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.T.D", "{\"stream_name\":\"T\",\"config\":"
                    + "{\"durable_name\":\"D\",\"ack_wait\":\"30s\"}}");
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.T.D", "{\"stream_name\":\"T\",\"config\":[1,2]}");
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.T.D", "{\"stream_name\":\"T\",\"config\":"
                    + "{\"durable_name\":\"D\",\"opt_start_time\":\"yesterday\",\"deliver_policy\":\"by_start_time\"}}");
            api(c, out, "$JS.API.CONSUMER.NAMES.T", "");
            api(c, out, "$JS.API.STREAM.PURGE.T", "{\"keep\":\"all\"}");
            api(c, out, "$JS.API.STREAM.MSG.GET.T", "{\"seq\":\"1\"}");
            api(c, out, "$JS.API.STREAM.INFO.T", "{\"deleted_details\":1}");
            api(c, out, "$JS.API.STREAM.DELETE.T", "");
        }
        return out;
    }

    @Test
    void directGetAndRollupAsNatsServer() throws IOException {
        assertThat(direct(servers.jnatsd.port())).isEqualTo(direct(servers.reference.port()));
    }

    private static List<String> direct(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            api(c, out, "$JS.API.STREAM.CREATE.D", "{\"name\":\"D\",\"subjects\":[\"d.>\"],\"allow_direct\":true,"
                    + "\"allow_rollup_hdrs\":true}");
            c.send("PUB d.a _R 1\r\n1\r\nPUB d.a _R 1\r\n2\r\nPUB d.b _R 1\r\n3\r\n");
            for (int i = 0; i < 3; i++) {
                out.add(reply(c));
            }
            String roll = "NATS/1.0\r\nNats-Rollup: sub\r\n\r\n";
            c.send("HPUB d.a _R " + roll.length() + " " + (roll.length() + 1) + "\r\n" + roll + "4\r\n");
            out.add(reply(c));
            for (String[] req : new String[][] {{"$JS.API.DIRECT.GET.D", "{\"seq\":3}"},
                    {"$JS.API.DIRECT.GET.D.d.a", ""}, {"$JS.API.DIRECT.GET.D", "{\"seq\":1}"},
                    {"$JS.API.DIRECT.GET.D", "{\"last_by_subj\":\"d.b\"}"}, {"$JS.API.DIRECT.GET.D", ""}}) {
                byte[] b = req[1].getBytes(StandardCharsets.UTF_8);
                c.send("PUB " + req[0] + " _R " + b.length + "\r\n" + req[1] + "\r\n");
                for (String l = c.readLineSkippingPings(); ; l = c.readLine()) {
                    // nats-server writes "HMSG _R 1  size" (an empty reply field) for messages it publishes itself;
                    // the sizes of a found message depend on the length of its Nats-Time-Stamp (Go drops trailing
                    // zeros of the nanoseconds), so they are compared only for statuses.
                    String n = l.startsWith("HMSG _R 1  ") ? "HMSG _R 1 " + l.substring("HMSG _R 1  ".length()) : l;
                    if (n.startsWith("HMSG ") && !n.endsWith(" 34 34") && !n.endsWith(" 30 30")
                            && !n.endsWith(" 28 28")) {
                        n = "HMSG _R 1 <sizes>";
                    }
                    out.add(n.startsWith("Nats-Time-Stamp: ") ? "Nats-Time-Stamp: <time>" : n);
                    if (l.isEmpty() || (!l.startsWith("HMSG") && !l.contains(":") && !l.startsWith("NATS/1.0"))) {
                        if (!l.isEmpty()) {
                            break; // the payload line
                        }
                    }
                    if (l.isEmpty() && out.get(out.size() - 2).startsWith("NATS/1.0 ")) {
                        c.readLine(); // the empty payload's CRLF after a status
                        break;
                    }
                }
            }
            api(c, out, "$JS.API.STREAM.INFO.D", "");
        }
        return out;
    }

    private static void api(RawClient c, List<String> out, String subject, String body) throws IOException {
        JsApiReplies.call(c, out, subject, body);
    }

    private static String reply(RawClient c) throws IOException {
        return JsApiReplies.reply(c);
    }
}
