package io.jnatsd.integration;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.NKeyAuthHandler;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nkey, password and bcrypt users in one authorization block, given to nats-server 2.9.10 and to jnatsd: each raw
 * session (signed with the nonce of its own INFO) must get the same lines back, including every -ERR and the close.
 */
class NKeyDifferentialTest {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]*)\"");
    private static final NKeyAuthHandler ALICE = NKeyAuthHandler.newUser();
    private static final NKeyAuthHandler STRANGER = NKeyAuthHandler.newUser();
    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    private static String config() {
        String hash = new String(BCrypt.withDefaults().hash(4, "pw".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        return "authorization {\n"
                + "  users = [\n"
                + "    { nkey: " + ALICE.publicKey() + ", permissions: { publish: \"foo.>\", subscribe: \"foo.>\" } }\n"
                + "    { user: bob, password: secret }\n"
                + "    { user: carol, password: \"" + hash + "\" }\n"
                + "  ]\n"
                + "}\n";
    }

    @BeforeAll
    static void start() {
        ReferenceServer.assumeAvailable();
        String conf = config();
        reference = ReferenceServer.startWithConfig(conf);
        jnatsd = NatsServer.start(PermissionsTest.load(conf, ServerOptions.builder().host("127.0.0.1").port(0))
                .build());
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CONNECT {\"verbose\":true,\"nkey\":\"$ALICE\",\"sig\":\"$SIG\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"$ALICE\",\"sig\":\"$SIG\"}\r\nSUB foo.a 1\r\nSUB bar 2\r\n"
                + "PUB foo.a 1\r\nx\r\nPUB bar 1\r\ny\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"$ALICE\",\"sig\":\"$STRANGERSIG\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"$STRANGER\",\"sig\":\"$STRANGERSIG\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"$ALICE\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"$ALICE\",\"sig\":\"%%%\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"nkey\":\"not-a-key\",\"sig\":\"$SIG\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"user\":\"bob\",\"pass\":\"secret\"}\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"user\":\"bob\",\"pass\":\"nope\"}\r\nPING\r\n",
        // the nkey wins over a user/password in the same CONNECT
        "CONNECT {\"verbose\":true,\"user\":\"bob\",\"pass\":\"secret\",\"nkey\":\"$STRANGER\",\"sig\":\"$STRANGERSIG\"}"
                + "\r\nPING\r\n",
        // bcrypt, checked off the event loop: what follows CONNECT is handled after it, in order
        "CONNECT {\"verbose\":true,\"user\":\"carol\",\"pass\":\"pw\"}\r\nSUB x 1\r\nPUB x 2\r\nhi\r\nUNSUB 1\r\n"
                + "PUB x 1\r\nz\r\nPING\r\n",
        "CONNECT {\"verbose\":true,\"user\":\"carol\",\"pass\":\"pw2\"}\r\nSUB x 1\r\nPING\r\n",
    })
    void sameAnswers(String session) throws IOException {
        assertThat(run(jnatsd.port(), session)).isEqualTo(run(reference.port(), session));
    }

    @Test
    void bothSendAnElevenByteNonce() throws IOException {
        for (int port : new int[] {jnatsd.port(), reference.port()}) {
            try (RawClient c = RawClient.connect(port)) {
                assertThat(nonceOf(c.readInfo())).matches("[A-Za-z0-9_-]{15}");
            }
        }
    }

    private static String nonceOf(String info) {
        Matcher m = NONCE.matcher(info);
        assertThat(m.find()).as("nonce in %s", info).isTrue();
        return m.group(1);
    }

    /** The lines after INFO up to the PONG, or up to the close (then ending with "<closed>"). */
    private static List<String> run(int port, String template) throws IOException {
        try (RawClient c = RawClient.connect(port)) {
            c.timeout(3000);
            String nonce = nonceOf(c.readInfo());
            c.send(template.replace("$ALICE", ALICE.publicKey()).replace("$STRANGERSIG", STRANGER.signature(nonce))
                    .replace("$STRANGER", STRANGER.publicKey()).replace("$SIG", ALICE.signature(nonce)));
            return c.linesUntilPongOrClose();
        }
    }
}
