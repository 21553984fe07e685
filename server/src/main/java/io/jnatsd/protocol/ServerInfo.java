package io.jnatsd.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server's INFO, rendered with nats-server's field names and order. Immutable: a change (lame duck, new
 * connect_urls) builds a new one.
 */
public final class ServerInfo {
    private static final JsonFactory JSON = new JsonFactory();

    private final String serverId;
    private final String serverName;
    private final String host;
    private final int port;
    private final boolean headers;
    private final boolean authRequired;
    private final int maxPayload;
    private final boolean jetstream;
    private final List<String> connectUrls;
    private final boolean lameDuck;
    private final String runtime;

    public ServerInfo(String serverId, String serverName, String host, int port, boolean headers,
            boolean authRequired, int maxPayload, boolean jetstream, List<String> connectUrls, boolean lameDuck) {
        this.serverId = serverId;
        this.serverName = serverName;
        this.host = host;
        this.port = port;
        this.headers = headers;
        this.authRequired = authRequired;
        this.maxPayload = maxPayload;
        this.jetstream = jetstream;
        this.connectUrls = List.copyOf(connectUrls);
        this.lameDuck = lameDuck;
        // The "go" field names the runtime; ours is the JVM.
        this.runtime = "java" + Runtime.version().feature() + "." + Runtime.version().interim() + "."
                + Runtime.version().update();
    }

    public ServerInfo withLameDuck() {
        return new ServerInfo(serverId, serverName, host, port, headers, authRequired, maxPayload, jetstream,
                connectUrls, true);
    }

    public boolean headers() {
        return headers;
    }

    public boolean authRequired() {
        return authRequired;
    }

    /** The whole {@code INFO {...} \r\n} line for one client. */
    public byte[] render(long clientId, String clientIp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes("INFO ".getBytes(StandardCharsets.US_ASCII));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("server_id", serverId);
            g.writeStringField("server_name", serverName);
            g.writeStringField("version", ServerVersion.VERSION);
            g.writeNumberField("proto", ServerVersion.PROTO);
            g.writeStringField("go", runtime);
            g.writeStringField("host", host);
            g.writeNumberField("port", port);
            g.writeBooleanField("headers", headers);
            if (authRequired) {
                g.writeBooleanField("auth_required", true);
            }
            g.writeNumberField("max_payload", maxPayload);
            if (jetstream) {
                g.writeBooleanField("jetstream", true);
            }
            if (clientId > 0) {
                g.writeNumberField("client_id", clientId);
            }
            if (clientIp != null) {
                g.writeStringField("client_ip", clientIp);
            }
            if (!connectUrls.isEmpty()) {
                g.writeArrayFieldStart("connect_urls");
                for (String u : connectUrls) {
                    g.writeString(u);
                }
                g.writeEndArray();
            }
            if (lameDuck) {
                g.writeBooleanField("ldm", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(" \r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
