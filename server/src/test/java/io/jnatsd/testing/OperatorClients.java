package io.jnatsd.testing;

import io.nats.client.NKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw-socket logins with a user JWT: reads INFO, signs its nonce, sends CONNECT then PING. */
public final class OperatorClients {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]*)\"");

    private OperatorClients() {
    }

    /**
     * Connects and logs in; returns the client with the first reply line after CONNECT+PING available through
     * {@link RawClient#readLineSkippingPings()} ("PONG" when accepted, the -ERR otherwise).
     */
    public static RawClient login(int port, String jwt, NKey signer) throws IOException {
        RawClient c = RawClient.connect(port);
        String info = c.readInfo();
        Matcher m = NONCE.matcher(info);
        String sig = "";
        if (m.find() && signer != null) {
            try {
                sig = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(signer.sign(m.group(1).getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        c.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"jwt\":\"" + jwt + "\",\"sig\":\""
                + sig + "\"}\r\nPING\r\n");
        return c;
    }
}
