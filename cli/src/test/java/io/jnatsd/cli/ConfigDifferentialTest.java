package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnatsd.config.ServerOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Config files checked by the reference ({@code nats-server -t -c file}) and by jnatsd's {@code -t}: the outcome
 * must be the same, and so must the reasons given (without positions: nats-server gives only a line for syntax
 * errors, and counts the columns of line 1 from 0). The few deliberate differences are listed with their reason
 * and asserted as such, so that a change on either side shows. Valid files are also started with the reference
 * to compare the values its INFO shows with the options jnatsd loads.
 */
@Timeout(300)
class ConfigDifferentialTest {
    private static final Pattern POSITIONED = Pattern.compile("^(.+?):(\\d+):(\\d+): (.*)$");
    private static final Pattern PARSE_ERROR = Pattern.compile("^Parse error on line (\\d+): '(.*)'$");

    private static Path reference;
    @TempDir
    static Path dir;

    /** Where jnatsd deliberately parts from nats-server 2.9.10; null for none. */
    private enum Difference {
        NONE(null),
        STRICTER_VALIDATION("jnatsd validates option values under -t; nats-server only at startup, if at all"),
        DANGLING_KEY("nats-server silently drops a key without a value at the end of the file"),
        UNKNOWN_SUFFIX("nats-server silently drops a value with an unknown size suffix such as 1kbb"),
        SUFFIX_OVERFLOW("nats-server wraps an overflowing size (8EB) around; jnatsd refuses it"),
        ABSOLUTE_INCLUDE("nats-server joins an absolute include path to the including directory"),
        AUTH_TIMEOUT_TYPE("nats-server reads a non-number authorization timeout as 1 second"),
        NEWER_KEY("max_closed_clients is a newer nats-server key that jnatsd has an option for"),
        OWN_WORDING("same outcome; jnatsd words this error its own way (nats-server has none or a Go internal)"),
        NEWLINE_POSITION("same error; nats-server puts an error found at a line end on the next line"),
        RANDOM_ORDER("same error; nats-server visits keys in random order, so which of two it blames varies");

        final String reason;

        Difference(String reason) {
            this.reason = reason;
        }
    }

    @BeforeAll
    static void findReference() {
        Optional<Path> binary = ReferenceBinary.find();
        assumeTrue(binary.isPresent(), "nats-server (the reference) is not installed");
        reference = binary.get();
    }

    static Stream<Arguments> files() {
        return Stream.of(
            // valid in both
            c("forms", "port = 4333\nserver_name: a; max_payload 1MB\n# c\n// c\nmax_pending: 64MB // c\n"),
            c("braces", "{ \"port\": 4333, \"max_payload\": 1024 }"),
            c("maps", "authorization {\n  user: a\n  password: \"p w\"\n  timeout: 0.5\n}\n"),
            c("map next line", "authorization\n{ token: t, timeout: 3 }\n"),
            c("arrays", "server_tags: [a, \"b\", 'c',]\n"),
            c("array lines", "server_tags: [\n a # c\n b\n]\n"),
            c("variables", "MP = 2KB\nmax_payload: $MP\nauthorization { U = bob\n user: $U\n password: $U }\n"),
            c("variable in array", "T = x\nserver_tags: [$T]\n"),
            c("environment", "max_payload: $JNATSD_DIFF_MP\n", Map.of("JNATSD_DIFF_MP", "2KB")),
            c("bcrypt", "authorization { user: a, password: $2a$11$xxxxxxxxxxxxxxxxxxxxxx }\n"),
            c("block string", "server_name: (\nabc\n)\nport: 4333\n"),
            c("booleans", "debug: yes\ntrace: On\nlogtime: FALSE\nno_header_support: off\n"),
            c("durations", "ping_interval: \"1h30m\"\nwrite_deadline: \"1.5s\"\nlame_duck_duration: \"31s\"\n"
                    + "lame_duck_grace_period: \"3s\"\n"),
            c("listen", "listen: 127.0.0.1:4333\nhttp: 127.0.0.1:8333\n"),
            c("listen ipv6", "listen: \"[::1]:4333\"\n"),
            c("all core", "host: 127.0.0.1\nport: 4333\nclient_advertise: \"h:1\"\nmax_connections: 10\n"
                    + "max_subs: 5\nmax_control_line: 1KB\nping_max: 3\nlog_file: /tmp/x.log\n"
                    + "logfile_size_limit: 1MB\npid_file: /tmp/x.pid\nports_file_dir: /tmp\nhttp_port: 8222\n"
                    + "https_port: 8443\nhttp_base_path: /n\nmax_traced_msg_len: 10\nno_sublist_cache: true\n"
                    + "connect_error_reports: 5\nreconnect_error_reports: 5\ntrace_verbose: false\n"
                    + "syslog: false\nremote_syslog: \"udp://h:514\"\nprof_port: 6060\n"
                    + "max_sub_tokens: 255\n"),
            c("blocks", "accounts { A { users: [{user: a, password: a}] } }\nsystem_account: A\ntls {}\n"
                    + "cluster { name: c, listen: 127.0.0.1:6333, routes: [\"nats-route://127.0.0.1:6334\"] }\n"
                    + "jetstream { store_dir: /tmp/js, max_mem: 1G, max_file: \"10G\", domain: d }\n"
                    + "gateway {}\nleafnodes {}\nwebsocket {}\nmqtt {}\nmappings {}\n"),
            c("sizes", "max_payload: 1Ki\nmax_pending: 1T\n"),
            c("tls empty", "tls {}\nallow_non_tls: true\n"),
            c("tls without files", "tls { verify: true, verify_and_map: false, timeout: 0.5, "
                    + "cipher_suites: [\"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305\", \"TLS_AES_128_GCM_SHA256\"], "
                    + "curve_preferences: [\"X25519\", \"CurveP521\"], pinned_certs: [\"" + "0a".repeat(32) + "\"] }\n"),
            c("include", "include sub/inc.conf\n"),
            // invalid in both, same reasons
            c("unknown field", "port: 4333\nfoo_bar: 1\n"),
            c("tls unknown field", "tls {\n  foo: 1\n}\n"),
            c("tls verify type", "tls {\n  verify: \"yes\"\n}\n"),
            c("tls cipher", "tls {\n  cipher_suites: [\"TLS_BOGUS\"]\n}\n"),
            c("tls curve", "tls {\n  curve_preferences: [\"P256\"]\n}\n"),
            c("tls timeout", "tls {\n  timeout: \"abc\"\n}\n"),
            c("tls pin", "tls {\n  pinned_certs: [\"abc\"]\n}\n"),
            c("tls not a map", "tls: 5\n"),
            c("tls known urls", "tls {\n  verify_cert_and_check_known_urls: true\n}\n"),
            c("tls newer key", "tls {\n  min_version: \"1.3\"\n}\n"),
            c("tls accepted keys", "tls {\n  insecure: true\n  connection_rate_limit: 5\n}\n"),
            c("tls cert only", "tls {\n  cert_file: \"/nonexistent/c.pem\"\n}\n"),
            c("tls key only", "tls {\n  key_file: \"/nonexistent/k.pem\"\n}\n"),
            c("tls missing files", "tls {\n  cert_file: \"/nonexistent/c.pem\"\n  key_file: \"/nonexistent/k.pem\"\n}\n"),
            c("tls missing ca", "tls {\n  ca_file: \"/nonexistent/ca.pem\"\n}\n"),
            c("unknown fields", "foo: 1\nbar { a: 1 }\n"),
            c("unused variable", "X = 1\nport: 4333\n"),
            c("unknown in block", "authorization { foo: 1 }\n"),
            c("unknown newer key", "logtime_utc: true\n"),
            c("syntax top", "port 4222 2\n"),
            c("syntax map", "authorization { user: a ]\n"),
            c("syntax array", "server_tags: [a b]\n"),
            c("array comma", "server_tags: [a,,b]\n"),
            c("unterminated", "server_name: \"abc\n"),
            c("bad escape", "server_name: \"a\\qb\"\n"),
            c("value on next line", "port:\n4222\n", Difference.NEWLINE_POSITION),
            c("separator first", "= 4222\n"),
            c("float dot", "server_name: .5\n"),
            c("date", "server_name: 2020-1\n", Difference.NEWLINE_POSITION),
            c("wrong type", "max_payload: \"abc\"\n"),
            c("wrong bool", "debug: 1\n"),
            c("too big", "max_payload: 2GB\n"),
            c("lame duck short", "lame_duck_duration: \"4s\"\n"),
            c("bad duration", "ping_interval: \"abc\"\n"),
            c("seconds warning", "ping_interval: 30\n"),
            c("float seconds", "write_deadline: 1.5\n"),
            c("bad listen", "listen: \"abc\"\n"),
            c("bad port", "listen: \"127.0.0.1:x\"\n"),
            c("user and token", "authorization { user: a, password: b, token: c }\n"),
            c("missing variable", "x = 1\nmax_payload: $NOPE\n"),
            c("jetstream word", "jetstream: foo\n"),
            c("store_dir twice", "store_dir: /a\njetstream { store_dir: /b }\n", Difference.RANDOM_ORDER),
            c("cluster type", "cluster: 5\n"),
            c("integer range", "max_pending: 9223372036854775808\n"),
            c("mappings", "mappings {\n  \"a.*.*\": \"b.$2.{{wildcard(1)}}\"\n  \"p.*\": \"q.{{partition(4,1)}}\"\n"
                    + "  c: {destination: d, weight: 40%}\n  e: [{dest: f, weight: 30}, {dest: g, weight: \"70%\"}]\n"
                    + "  \"s.>\": \"t.>\"\n}\n"),
            c("mapping errors", "maps {\n  \"a.*\": \"b.$2\"\n  \"c.*\": \"d\"\n  \"e.*\": \"f.*\"\n"
                    + "  \"g.*\": \"h.{{nope(1)}}\"\n  \"i.*\": \"j.{{split(1)}}\"\n  k: \"l.>.m\"\n}\n"),
            c("mapping weights", "mappings {\n  a: {destination: b, weight: 101%}\n  c: {destination: d}\n"
                    + "  e: {destination: f, weight: \"x%\"}\n  g: {destination: h, weight: 1.5}\n"
                    + "  i: {dest: j, weight: 10, foo: 1}\n  k: 5\n}\n"),
            c("mapping total weight", "mappings {\n  a: [{destination: b, weight: 60%},\n"
                    + "      {destination: c, weight: 50%}]\n}\n"),
            c("missing include", "include nope.conf\n", Difference.OWN_WORDING),
            c("tags type", "server_tags: [[a]]\n", Difference.OWN_WORDING),
            // deliberate differences
            c("negative payload", "max_payload: -1\n", Difference.STRICTER_VALIDATION),
            c("port range", "port: 70000\n", Difference.STRICTER_VALIDATION),
            c("zero grace", "lame_duck_grace_period: \"0s\"\n", Difference.STRICTER_VALIDATION),
            c("dangling key", "port: 1\nserver_name\n", Difference.DANGLING_KEY),
            c("unknown suffix", "max_pending: 1kbb\n", Difference.UNKNOWN_SUFFIX),
            c("suffix overflow", "max_pending: 8EB\n", Difference.SUFFIX_OVERFLOW),
            c("auth timeout type", "authorization { timeout: true }\n", Difference.AUTH_TIMEOUT_TYPE),
            c("newer key", "max_closed_clients: 5\n", Difference.NEWER_KEY)
        );
    }

    private static Arguments c(String name, String text) {
        return c(name, text, Map.of(), Difference.NONE);
    }

    private static Arguments c(String name, String text, Map<String, String> env) {
        return c(name, text, env, Difference.NONE);
    }

    private static Arguments c(String name, String text, Difference difference) {
        return c(name, text, Map.of(), difference);
    }

    private static Arguments c(String name, String text, Map<String, String> env, Difference difference) {
        return Arguments.of(name, text, env, difference);
    }

    /** What one implementation said about a file: valid or not, and why (positions stripped). */
    private record Verdict(boolean valid, List<String> reasons, List<Integer> lines) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void jnatsdJudgesConfigFilesLikeNatsServer(String name, String text, Map<String, String> env,
                                               Difference difference) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("inc.conf"), "max_payload: 3KB\n");
        Path file = dir.resolve(name.replace(' ', '_') + ".conf");
        Files.writeString(file, text);
        Verdict ref = natsServer(file, env);
        Verdict ours = jnatsd(file, env);
        switch (difference) {
            case NONE:
                assertThat(ours.valid()).as("valid? reference said %s", ref).isEqualTo(ref.valid());
                assertThat(ours.reasons()).as("reasons").containsExactlyInAnyOrderElementsOf(ref.reasons());
                if (!ref.lines().isEmpty()) {
                    assertThat(ours.lines()).as("lines").containsExactlyInAnyOrderElementsOf(ref.lines());
                }
                break;
            case NEWLINE_POSITION:
                assertThat(ours.valid()).isFalse();
                assertThat(ours.reasons()).containsExactlyInAnyOrderElementsOf(ref.reasons());
                assertThat(ours.lines()).containsExactly(ref.lines().get(0) - 1);
                break;
            case RANDOM_ORDER:
                assertThat(ours.valid()).isEqualTo(ref.valid()).isFalse();
                assertThat(ours.reasons()).containsExactlyInAnyOrderElementsOf(ref.reasons());
                break;
            case OWN_WORDING:
                assertThat(ref.valid()).isFalse();
                assertThat(ours.valid()).isFalse();
                break;
            case STRICTER_VALIDATION: case DANGLING_KEY: case UNKNOWN_SUFFIX: case SUFFIX_OVERFLOW:
            case AUTH_TIMEOUT_TYPE:
                assertThat(ref.valid()).as(difference.reason).isTrue();
                assertThat(ours.valid()).as(difference.reason).isFalse();
                break;
            default:
                assertThat(ref.valid()).as(difference.reason).isFalse();
                assertThat(ours.valid()).as(difference.reason).isTrue();
        }
        if (ref.valid() && ours.valid()) {
            compareServedValues(file, env);
        }
    }

    private static Verdict natsServer(Path file, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(reference.toString(), "-t", "-c", file.toString())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        boolean valid = p.exitValue() == 0;
        List<String> reasons = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (!valid) {
            for (String line : output.strip().split("\n")) {
                String l = line.startsWith("nats-server: ") ? line.substring("nats-server: ".length()) : line;
                Matcher positioned = POSITIONED.matcher(l);
                Matcher parse = PARSE_ERROR.matcher(l);
                if (positioned.matches()) {
                    lines.add(Integer.parseInt(positioned.group(2)));
                    reasons.add(positioned.group(4));
                } else if (parse.matches()) {
                    lines.add(Integer.parseInt(parse.group(1)));
                    reasons.add(parse.group(2));
                } else if (!l.isBlank()) {
                    reasons.add(l);
                }
            }
        }
        return new Verdict(valid, reasons, lines);
    }

    private static Verdict jnatsd(Path file, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new Launcher(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get).run("-t", "-c", file.toString());
        List<String> reasons = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (rc != 0) {
            for (String line : err.toString(StandardCharsets.UTF_8).strip().split("\n")) {
                String l = line.startsWith("jnatsd: ") ? line.substring("jnatsd: ".length()) : line;
                Matcher positioned = POSITIONED.matcher(l);
                if (positioned.matches()) {
                    lines.add(Integer.parseInt(positioned.group(2)));
                    reasons.add(positioned.group(4));
                } else {
                    reasons.add(l);
                }
            }
        }
        return new Verdict(rc == 0, reasons, lines);
    }

    /** Starts the reference on the file (on a free loopback port) and compares its INFO with jnatsd's options. */
    private static void compareServedValues(Path file, Map<String, String> env) throws Exception {
        int port = freePort();
        ServerOptions ours = OptionsAssembly.assemble(FlagParser.parse("-c", file.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "-m", "0"), env::get).options();
        assertThat(ours).isNotNull();
        // Monitoring, routes etc. are not what is compared; only the client listener runs.
        Path clientOnly = Files.writeString(dir.resolve("client-only.conf"), "include " + file.getFileName()
                + "\nhttp_port: 0\nhttps_port: 0\ncluster { listen: \"127.0.0.1:-1\" }\njetstream: disabled\n"
                + "store_dir: " + dir.resolve("js") + "\n");
        String info = referenceInfo(clientOnly, port, env);
        assertThat(jsonNumber(info, "max_payload")).isEqualTo(ours.maxPayload());
        assertThat(info.contains("\"headers\":true")).isEqualTo(!ours.noHeaderSupport());
        if (!ours.configBlocks().containsKey("accounts")) { // account users are not options yet
            assertThat(info.contains("\"auth_required\":true"))
                    .isEqualTo(ours.user() != null || ours.authToken() != null);
        }
        if (ours.serverName() != null) {
            assertThat(info).contains("\"server_name\":\"" + ours.serverName().replace("\n", "\\n") + "\"");
        }
    }

    private static String referenceInfo(Path conf, int port, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(reference.toString(), "-c", conf.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("reference.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    s.setSoTimeout(5_000);
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !p.isAlive()) {
                        throw new AssertionError("reference did not serve: "
                                + Files.readString(dir.resolve("reference.log")), e);
                    }
                    Thread.sleep(20);
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static long jsonNumber(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as("%s in %s", field, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
