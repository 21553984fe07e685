package io.jnatsd.websocket;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/** The HTTP answers to an upgrade request, byte for byte as nats-server (Go's net/http) writes them. */
final class HandshakeReplies {
    /** RFC 6455, 1.3: appended to the client's key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private HandshakeReplies() {
    }

    static byte[] switching(String key, boolean compress, boolean noMasking) {
        StringBuilder sb = new StringBuilder(256)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(acceptKey(key)).append("\r\n");
        if (compress) {
            sb.append("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                    + "client_no_context_takeover\r\n");
        }
        if (noMasking) {
            sb.append("Nats-No-Masking: true\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Go's http.Error: the status text as a plain-text body, plus the websocket version nats-server adds. */
    static byte[] refusal(HttpResponseStatus status) {
        String body = status.reasonPhrase() + "\n";
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(HTTP_DATE);
        return ("HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Sec-Websocket-Version: 13\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Date: " + date + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JVM", e);
        }
    }
}
