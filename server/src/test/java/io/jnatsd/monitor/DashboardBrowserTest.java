package io.jnatsd.monitor;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at "/" in a real headless Chromium, while a jnats client publishes: the page's script must fetch
 * the endpoints, render the numbers, and show them moving. Skips without Chromium locally; under CI=true a missing
 * Chromium fails instead, so the check cannot silently vanish from the build.
 */
class DashboardBrowserTest {
    /** Virtual time each load runs for: several one-second polls, so the per-second rates have been computed. */
    private static final int BUDGET_MILLIS = 4500;
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @Test
    void dashboardShowsLiveTraffic() throws Exception {
        HeadlessChromium chromium = chromiumOrSkip();
        try (MonitoredServer m = MonitoredServer.start();
                Connection subscriber = JnatsClients.connect(m.server, b -> b.connectionName("dashboard-client"));
                Connection publisher = JnatsClients.connect(m.server, b -> b.connectionName("dashboard-client"))) {
            subscriber.subscribe("dashboard.load");
            subscriber.subscribe("dashboard.other");
            subscriber.flush(Duration.ofSeconds(5));
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> publish(publisher, stop), "dashboard-publisher");
            load.start();
            try {
                String url = "http://127.0.0.1:" + m.server.monitoringPort() + "/";
                String first = chromium.dumpDom(url, BUDGET_MILLIS);
                assertThat(first).doesNotContain("not reachable");
                long inFirst = value(first, "in-msgs");
                assertThat(inFirst).as("messages in after the first load").isPositive();
                assertThat(value(first, "out-msgs")).isPositive();
                assertThat(value(first, "connections")).isEqualTo(2);
                assertThat(value(first, "subscriptions")).isEqualTo(2);
                assertThat(value(first, "in-msgs-rate")).as("a rate was computed from two polls").isPositive();
                assertThat(first).as("top connections table lists the clients").contains("<td>dashboard-client</td>");
                assertThat(first).as("subjects table").contains("<td>dashboard.load</td>");
                assertThat(first).as("links to the JSON endpoints").contains("href=\"/connz\"", "href=\"/metrics\"");

                String second = chromium.dumpDom(url, BUDGET_MILLIS);
                assertThat(value(second, "in-msgs")).as("messages in moved between two loads").isGreaterThan(inFirst);

                chromium.screenshot(url, BUDGET_MILLIS, SCREENSHOT);
                byte[] png = Files.readAllBytes(SCREENSHOT);
                assertThat(png.length).as("screenshot " + SCREENSHOT.toAbsolutePath()).isGreaterThan(10_000);
                assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            } finally {
                stop.set(true);
                load.join();
            }
        }
    }

    private static HeadlessChromium chromiumOrSkip() {
        var found = HeadlessChromium.find();
        if (found.isEmpty()) {
            String msg = "DashboardBrowserTest: no chromium on the PATH (Debian: apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg + "; CI must run the browser test");
            }
            System.err.println(msg + ", skipping the dashboard browser test");
            Assumptions.abort(msg);
        }
        return found.get();
    }

    /** Publishes small messages until told to stop, paced so the load is steady rather than a flood. */
    private static void publish(Connection nc, AtomicBoolean stop) {
        byte[] payload = "dashboard".getBytes(StandardCharsets.US_ASCII);
        try {
            while (!stop.get()) {
                for (int i = 0; i < 100; i++) {
                    nc.publish("dashboard.load", payload);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exact number the page keeps in the data-value attribute of the element with this id. */
    static long value(String dom, String id) {
        Matcher tag = Pattern.compile("<[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
        assertThat(tag.find()).as("element #" + id + " in the page").isTrue();
        Matcher v = Pattern.compile("data-value=\"([0-9.eE+-]+)\"").matcher(tag.group());
        assertThat(v.find()).as("#" + id + " was rendered: " + tag.group()).isTrue();
        return (long) Double.parseDouble(v.group(1));
    }
}
