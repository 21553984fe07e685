package io.jnatsd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server's INFO, rendered with nats-server's field names and order. Immutable: a change (lame duck, new
 * connect_urls) builds a new one.
 */
public final class ServerInfo {
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
    private final boolean tlsRequired;
    private final boolean tlsVerify;
    private final boolean tlsAvailable;
    private final String runtime;
    /** The JSON up to the per-connection fields, and after them: rendered once, so a connection costs two copies. */
    private final byte[] head;
    private final byte[] tail;

    public ServerInfo(String serverId, String serverName, String host, int port, boolean headers,
            boolean authRequired, int maxPayload, boolean jetstream, List<String> connectUrls, boolean lameDuck) {
        this(serverId, serverName, host, port, headers, authRequired, maxPayload, jetstream, connectUrls, lameDuck,
                false, false, false);
    }

    /**
     * With the TLS fields: {@code tlsRequired} (TLS is the only way in), {@code tlsVerify} (client certificates are
     * checked), {@code tlsAvailable} (allow_non_tls: TLS is offered but not required).
     */
    public ServerInfo(String serverId, String serverName, String host, int port, boolean headers,
            boolean authRequired, int maxPayload, boolean jetstream, List<String> connectUrls, boolean lameDuck,
            boolean tlsRequired, boolean tlsVerify, boolean tlsAvailable) {
        this.tlsRequired = tlsRequired;
        this.tlsVerify = tlsVerify;
        this.tlsAvailable = tlsAvailable;
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
        this.head = renderHead().getBytes(StandardCharsets.UTF_8);
        this.tail = renderTail().getBytes(StandardCharsets.UTF_8);
    }

    // Field names and order as nats-server's Info struct.
    private String renderHead() {
        StringBuilder sb = new StringBuilder(384).append("INFO {\"server_id\":");
        JsonText.appendString(sb, serverId);
        sb.append(",\"server_name\":");
        JsonText.appendString(sb, serverName);
        sb.append(",\"version\":");
        JsonText.appendString(sb, ServerVersion.VERSION);
        sb.append(",\"proto\":").append(ServerVersion.PROTO).append(",\"go\":");
        JsonText.appendString(sb, runtime);
        sb.append(",\"host\":");
        JsonText.appendString(sb, host);
        sb.append(",\"port\":").append(port).append(",\"headers\":").append(headers);
        if (authRequired) {
            sb.append(",\"auth_required\":true");
        }
        if (tlsRequired) {
            sb.append(",\"tls_required\":true");
        }
        if (tlsVerify) {
            sb.append(",\"tls_verify\":true");
        }
        if (tlsAvailable) {
            sb.append(",\"tls_available\":true");
        }
        sb.append(",\"max_payload\":").append(maxPayload);
        if (jetstream) {
            sb.append(",\"jetstream\":true");
        }
        return sb.toString();
    }

    private String renderTail() {
        StringBuilder sb = new StringBuilder(64);
        if (!connectUrls.isEmpty()) {
            sb.append(",\"connect_urls\":[");
            for (int i = 0; i < connectUrls.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                JsonText.appendString(sb, connectUrls.get(i));
            }
            sb.append(']');
        }
        if (lameDuck) {
            sb.append(",\"ldm\":true");
        }
        return sb.append("} \r\n").toString();
    }

    public ServerInfo withLameDuck() {
        return new ServerInfo(serverId, serverName, host, port, headers, authRequired, maxPayload, jetstream,
                connectUrls, true, tlsRequired, tlsVerify, tlsAvailable);
    }

    /** The same INFO with another max_payload (a client whose account or user JWT allows less). */
    public ServerInfo withMaxPayload(int max) {
        return new ServerInfo(serverId, serverName, host, port, headers, authRequired, max, jetstream,
                connectUrls, lameDuck);
    }

    public int maxPayload() {
        return maxPayload;
    }

    public boolean headers() {
        return headers;
    }

    public boolean authRequired() {
        return authRequired;
    }

    /** The whole {@code INFO {...} \r\n} line for one client. */
    public byte[] render(long clientId, String clientIp) {
        return render(clientId, clientIp, null);
    }

    /** As {@link #render(long, String)}, with the nonce a client signs to prove its nkey (null = none). */
    public byte[] render(long clientId, String clientIp, String nonce) {
        StringBuilder mid = new StringBuilder(48);
        if (clientId > 0) {
            mid.append(",\"client_id\":").append(clientId);
        }
        if (clientIp != null) {
            mid.append(",\"client_ip\":");
            JsonText.appendString(mid, clientIp);
        }
        if (nonce != null) {
            mid.append(",\"nonce\":");
            JsonText.appendString(mid, nonce);
        }
        byte[] m = mid.toString().getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + m.length + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(m, 0, line, head.length, m.length);
        System.arraycopy(tail, 0, line, head.length + m.length, tail.length);
        return line;
    }
}
