package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log lines of nkey logins, as nats-server 2.9.10 prints them with -D (observed with the same config):
 * {@code [DBG] ... - Signature not verified}, {@code [ERR] ... - authentication error - Nkey "U..."},
 * {@code [ERR] ... - Publish Violation - Nkey "U...", Subject "bar"}. The key pair comes from the JDK, so the
 * nkey encoding is checked independently of jnats.
 */
@Timeout(120)
class NKeyLogProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]+)\"");

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void nkeyLoginsAreLoggedAsNatsServerDoes(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] der = pair.getPublic().getEncoded();
        String nkey = NKeys.encode(NKeyType.USER, Arrays.copyOfRange(der, der.length - 32, der.length));
        int port = freePort();
        Path conf = Files.writeString(dir.resolve("nkey.conf"), "listen: 127.0.0.1:" + port + "\n"
                + "authorization { users = [ { nkey: " + nkey + ", permissions: { publish: foo } } ] }\n");
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-c", conf.toString(), "-D")) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                    .as("stderr: %s", jnatsd.err()).isNotNull();

            // signed with the right key: logs in; a publish outside its permissions names the nkey
            session(port, nonce -> "CONNECT {\"verbose\":false,\"nkey\":\"" + nkey + "\",\"sig\":\""
                    + sign(pair, nonce) + "\"}\r\nPUB bar 1\r\nx\r\nPING\r\n");
            expectLine(jnatsd, "[ERR] ", " - Publish Violation - Nkey \"" + nkey + "\", Subject \"bar\"");

            // signed nonsense: refused, with the reason at debug level
            session(port, nonce -> "CONNECT {\"verbose\":false,\"nkey\":\"" + nkey + "\",\"sig\":\""
                    + sign(pair, nonce + "x") + "\"}\r\nPING\r\n");
            expectLine(jnatsd, "[DBG] ", " - Signature not verified");
            expectLine(jnatsd, "[ERR] ", " - authentication error - Nkey \"" + nkey + "\"");

            // no nkey at all: nats-server still names the (empty) nkey
            session(port, nonce -> "CONNECT {\"verbose\":false}\r\nPING\r\n");
            expectLine(jnatsd, "[ERR] ", " - authentication error - Nkey \"\"");
        }
    }

    private static String sign(KeyPair pair, String nonce) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(nonce.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    private interface Script {
        String text(String nonce) throws Exception;
    }

    /** Connects, answers the INFO's nonce with the script, reads until PONG or the close. */
    private static void session(int port, Script script) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Matcher m = NONCE.matcher(in.readLine());
            assertThat(m.find()).isTrue();
            socket.getOutputStream().write(script.text(m.group(1)).getBytes(StandardCharsets.US_ASCII));
            for (String l = in.readLine(); l != null && !l.equals("PONG"); l = in.readLine()) {
                // -ERR lines; the log is what this test checks
            }
        }
    }

    private static void expectLine(JnatsdProcess jnatsd, String level, String suffix) throws InterruptedException {
        Pattern line = Pattern.compile("\\[\\d+\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} "
                + Pattern.quote(level) + "127\\.0\\.0\\.1:\\d+ - cid:\\d+" + Pattern.quote(suffix));
        assertThat(jnatsd.awaitErr(l -> line.matcher(l).matches(), Duration.ofSeconds(10)))
                .as("%s%s in %s", level, suffix, jnatsd.err()).isNotNull();
    }
}
