package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JsonOutline;
import io.jnatsd.testing.JetStreamPair;
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
 * Republish, the stream and API advisories and deleted_details against nats-server 2.9.10 -js: republished
 * messages byte for byte (but for the empty reply field nats-server writes), advisories and replies by field
 * names.
 */
class JetStreamFeaturesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JetStreamPair servers;

    @BeforeAll
    static void start() throws IOException {
        servers = JetStreamPair.start("jsf");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void sameRepublishAdvisoriesAndDeletedDetails() throws IOException {
        List<String> ours = session(servers.jnatsd.port());
        List<String> theirs = session(servers.reference.port());
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours).contains("Nats-Last-Sequence: 2", "Nats-Last-Sequence: 3");
    }

    private static List<String> session(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = RawClient.connect(port)) {
            c.timeout(5000);
            c.readInfo();
            // The API audit is subscribed from the start: it follows its reply at its own pace, so a subscription
            // made after the create's reply would race the create's audit.
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB $JS.EVENT.ADVISORY.STREAM.> 1\r\n"
                    + "SUB _R 3\r\nSUB $JS.EVENT.ADVISORY.API 4\r\nPING\r\n");
            c.readLineSkippingPings();
            String create = "{\"name\":\"R\",\"subjects\":[\"r.>\"],\"republish\":{\"src\":\"r.>\",\"dest\":\"rp.>\"}}";
            c.send("PUB $JS.API.STREAM.CREATE.R _R " + create.length() + "\r\n" + create + "\r\n");
            readMessages(c, out, 3); // the reply, the CREATED advisory and the API audit, in any order
            c.send("SUB rp.> 2\r\nPING\r\n");
            c.readLineSkippingPings();
            String hdr = "NATS/1.0\r\nX-Own: yes\r\n\r\n";
            c.send("PUB r.a _R 5\r\nhello\r\nHPUB r.b _R " + hdr.length() + " " + (hdr.length() + 3) + "\r\n" + hdr
                    + "abc\r\nPING\r\n");
            readMessages(c, out, 4);
            String update = "{\"name\":\"R\",\"subjects\":[\"r.>\"],\"republish\":{\"src\":\"r.>\",\"dest\":\"rp.>\","
                    + "\"headers_only\":true}}";
            c.send("PUB $JS.API.STREAM.UPDATE.R _R " + update.length() + "\r\n" + update + "\r\n");
            readMessages(c, out, 2); // refused (republish cannot change): reply, API audit
            c.send("PUB r.c 3\r\nxyz\r\nPUB r.c 1\r\n1\r\nPUB r.b 1\r\n2\r\n");
            readMessages(c, out, 1);
            readMessages(c, out, 2);
            String del = "{\"seq\":2}";
            c.send("PUB $JS.API.STREAM.MSG.DELETE.R _R " + del.length() + "\r\n" + del + "\r\n");
            readMessages(c, out, 2); // reply, API audit
            String info = "{\"deleted_details\":true}";
            c.send("PUB $JS.API.STREAM.INFO.R _R " + info.length() + "\r\n" + info + "\r\n");
            readMessages(c, out, 2);
        }
        return out;
    }

    /**
     * Reads {@code n} messages; JSON ones as "sid subject outline" (with the state's deleted list, the event's
     * type and action), others line by line. Sorted per batch: the reply and the advisories race.
     */
    private static void readMessages(RawClient c, List<String> out, int n) throws IOException {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line;
            try {
                line = c.readLineSkippingPings();
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("timed out after " + batch + " then " + out, e);
            }
            if (line.equals("PONG")) {
                i--;
                continue;
            }
            String[] p = line.replace("  ", " ").split(" ");
            if (line.startsWith("HMSG ")) {
                int hdrLen = Integer.parseInt(p[p.length - 2]);
                byte[] all = c.readBytes(Integer.parseInt(p[p.length - 1]) + 2);
                String headers = new String(all, 0, hdrLen, StandardCharsets.UTF_8);
                batch.add("HMSG " + p[1] + " " + p[2] + " " + p[p.length - 2] + " " + p[p.length - 1] + "\n"
                        + headers + new String(all, hdrLen, all.length - hdrLen - 2, StandardCharsets.UTF_8));
            } else {
                String body = c.readLine();
                JsonNode j = JSON.readTree(body);
                String extra = j.has("action") ? " action " + j.get("action") : "";
                if (j.has("error")) {
                    extra += " error " + j.get("error");
                }
                if (j.has("state") && j.get("state").has("deleted")) {
                    extra += " deleted " + j.get("state").get("deleted");
                }
                if (j.has("response")) {
                    extra += " response " + JsonOutline.of(JSON.readTree(j.get("response").asText()));
                }
                batch.add(p[1] + " " + JsonOutline.of(j) + extra);
            }
        }
        batch.sort(null);
        for (String b : batch) {
            out.addAll(List.of(b.split("\r?\n")));
        }
    }
}
