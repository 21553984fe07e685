package io.jnatsd.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-rolled websocket client on a raw socket, for exact wire tests: the upgrade request with chosen headers,
 * the HTTP answer as text, then masked frames out (whole, or a message split over several frames) and frames in.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int OP_CONTINUATION = 0;
    public static final int OP_TEXT = 1;
    public static final int OP_BINARY = 2;
    public static final int OP_CLOSE = 8;
    public static final int OP_PING = 9;
    public static final int OP_PONG = 10;

    /** One frame as received; {@code compressed} is the RSV1 bit (permessage-deflate). */
    public record Frame(boolean fin, boolean compressed, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        public int closeStatus() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        /** The text after the status of a close frame. */
        public String closeText() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String response;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Opens a TCP connection to 127.0.0.1:port without sending anything yet. */
    public static RawWebSocket open(int port) throws IOException {
        return new RawWebSocket(new Socket("127.0.0.1", port));
    }

    /** Opens and upgrades with the usual headers plus {@code extraHeaders} ("Name: value\r\n" each). */
    public static RawWebSocket upgrade(int port, String extraHeaders) throws IOException {
        RawWebSocket ws = open(port);
        ws.sendRequest("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + newKey() + "\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n");
        return ws;
    }

    public static String newKey() {
        byte[] k = new byte[16];
        ThreadLocalRandom.current().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** Sends a whole HTTP request and reads the answer's status line and headers (and body, if any). */
    public String sendRequest(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        response = readHttpResponse();
        return response;
    }

    /** The status line and headers (and any Content-Length body) of the server's HTTP answer. */
    public String response() {
        return response;
    }

    public int status() {
        return Integer.parseInt(response.substring(9, 12));
    }

    private String readHttpResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed in the HTTP answer: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    /** One masked frame. */
    public RawWebSocket sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(frame(fin, opcode, payload));
        out.flush();
        return this;
    }

    public RawWebSocket sendBinary(String text) throws IOException {
        return sendFrame(true, OP_BINARY, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes, e.g. several frames in one write or a frame cut in the middle. */
    public RawWebSocket sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The bytes of one masked client frame. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else if (n < 65536) {
            f.write(0x80 | 126);
            f.write(n >>> 8);
            f.write(n);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) n >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask, 0, 4);
        for (int i = 0; i < n; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /** The next frame from the server (unmasked, as servers send them). */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frames must not be masked");
        }
        long n = b1 & 0x7f;
        if (n == 126) {
            n = ((long) readByte() << 8) | readByte();
        } else if (n == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | readByte();
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, in.readNBytes((int) n));
    }

    /** The payloads of data frames as text until it contains {@code expected}; pings are answered. */
    public String readUntil(String expected) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().contains(expected)) {
            Frame f = readFrame();
            if (f.opcode() == OP_CLOSE) {
                throw new EOFException("closed (" + f.closeStatus() + " " + f.closeText() + ") before \"" + expected
                        + "\"; got: " + sb);
            }
            if (f.opcode() != OP_PING && f.opcode() != OP_PONG) {
                sb.append(f.text());
            }
        }
        return sb.toString();
    }

    /** True when the server closes the TCP connection within {@code millis} (frames before that are skipped). */
    public boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
