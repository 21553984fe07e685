package io.jnatsd.monitor;

import io.jnatsd.protocol.ServerVersion;

/**
 * {@code /}: a plain page linking every endpoint, the role nats-server's index page plays. Links carry the base
 * path, so they work from "/mon" as well as from "/".
 */
final class IndexPage implements Endpoint {
    private static final String[][] LINKS = {
        {"varz", "General"},
        {"jsz", "JetStream"},
        {"connz", "Connections"},
        {"accountz", "Accounts"},
        {"accstatz", "Account Stats"},
        {"subsz", "Subscriptions"},
        {"routez", "Routes"},
        {"leafz", "LeafNodes"},
        {"gatewayz", "Gateways"},
        {"healthz", "Health Probe"},
    };

    private final String page;

    /** @param base the http_base_path the endpoints live under, e.g. "/" or "/mon" */
    IndexPage(String serverName, String base) {
        String prefix = base.endsWith("/") ? base : base + "/";
        StringBuilder b = new StringBuilder(1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>jnatsd ")
                .append(escape(serverName)).append("</title>\n<style>\n")
                .append("body { font-family: system-ui, sans-serif; margin: 2rem; }\n")
                .append("a { display: block; padding: 0.2rem 0; }\n")
                .append("</style>\n</head>\n<body>\n<h1>jnatsd</h1>\n<p>")
                .append(escape(serverName)).append(" &middot; NATS protocol ").append(ServerVersion.VERSION)
                .append("</p>\n");
        for (String[] l : LINKS) {
            b.append("<a href=\"").append(escape(prefix)).append(l[0]).append("\">").append(l[1]).append("</a>\n");
        }
        b.append("</body>\n</html>\n");
        page = b.toString();
    }

    @Override
    public Reply handle(Query q) {
        return Reply.html(page);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
