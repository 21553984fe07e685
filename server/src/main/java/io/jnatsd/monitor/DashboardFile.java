package io.jnatsd.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One file of the live dashboard, read once from the classpath folder {@code io/jnatsd/monitor/dashboard/}. The
 * dashboard is plain HTML, JS and CSS served from the jar: no build step and nothing fetched from elsewhere, so it
 * works on a host without internet access.
 */
final class DashboardFile implements Endpoint {
    private static final String FOLDER = "dashboard/";

    private final Reply reply;

    private DashboardFile(Reply reply) {
        this.reply = reply;
    }

    /** A file served as it is. */
    static DashboardFile of(String name, String contentType) {
        return new DashboardFile(Reply.of(contentType, read(name)));
    }

    /**
     * The page itself, with every {@code {{base}}} replaced by the base path ("/" or e.g. "/mon/"): the page is
     * served at "/mon" (no trailing slash) under http_base_path "mon", where relative links would resolve against
     * "/", so its links, script and style sheet are written as absolute paths.
     */
    static DashboardFile page(String base) {
        String prefix = base.endsWith("/") ? base : base + "/";
        String html = new String(read("index.html"), StandardCharsets.UTF_8)
                .replace("{{base}}", prefix.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"));
        return new DashboardFile(Reply.html(html));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardFile.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Reply handle(Query q) {
        return reply;
    }
}
