package io.jnatsd.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The nats-server v2.9 command line as a picocli spec: every flag its {@code -h} lists (plus the undocumented
 * aliases its flag set defines), each under its single- and double-dash spelling, as Go's flag package accepts
 * both. Values are applied by {@link GoFlagPreprocessor}, so syntax and errors follow Go rather than picocli.
 * Field defaults are the Go flag defaults ("unset"); {@link OptionsMapper} turns them into server options.
 */
@Command(name = "jnatsd")
final class Flags {
    // Server options
    @Option(names = {"-a", "--a", "-addr", "--addr", "-net", "--net"}, preprocessor = GoFlagPreprocessor.class)
    String host = "";
    @Option(names = {"-p", "--p", "-port", "--port"}, preprocessor = GoFlagPreprocessor.class)
    long port;
    @Option(names = {"-n", "--n", "-name", "--name", "-server_name", "--server_name"},
            preprocessor = GoFlagPreprocessor.class)
    String serverName = "";
    @Option(names = {"-P", "--P", "-pid", "--pid"}, preprocessor = GoFlagPreprocessor.class)
    String pidFile = "";
    @Option(names = {"-m", "--m", "-http_port", "--http_port"}, preprocessor = GoFlagPreprocessor.class)
    long httpPort;
    @Option(names = {"-ms", "--ms", "-https_port", "--https_port"}, preprocessor = GoFlagPreprocessor.class)
    long httpsPort;
    @Option(names = {"-c", "--c", "-config", "--config"}, preprocessor = GoFlagPreprocessor.class)
    String configFile = "";
    @Option(names = {"-t", "--t"}, preprocessor = GoFlagPreprocessor.class)
    boolean checkConfig;
    @Option(names = {"-sl", "--sl", "-signal", "--signal"}, preprocessor = GoFlagPreprocessor.class)
    String signal = "";
    @Option(names = {"-client_advertise", "--client_advertise"}, preprocessor = GoFlagPreprocessor.class)
    String clientAdvertise = "";
    @Option(names = {"-ports_file_dir", "--ports_file_dir"}, preprocessor = GoFlagPreprocessor.class)
    String portsFileDir = "";

    // Logging options
    @Option(names = {"-l", "--l", "-log", "--log"}, preprocessor = GoFlagPreprocessor.class)
    String logFile = "";
    @Option(names = {"-T", "--T", "-logtime", "--logtime"}, preprocessor = GoFlagPreprocessor.class)
    boolean logtime = true;
    @Option(names = {"-s", "--s", "-syslog", "--syslog"}, preprocessor = GoFlagPreprocessor.class)
    boolean syslog;
    @Option(names = {"-r", "--r", "-remote_syslog", "--remote_syslog"}, preprocessor = GoFlagPreprocessor.class)
    String remoteSyslog = "";
    @Option(names = {"-D", "--D", "-debug", "--debug"}, preprocessor = GoFlagPreprocessor.class)
    boolean debug;
    @Option(names = {"-V", "--V", "-trace", "--trace"}, preprocessor = GoFlagPreprocessor.class)
    boolean trace;
    @Option(names = {"-VV", "--VV"}, preprocessor = GoFlagPreprocessor.class)
    boolean traceVerbose;
    @Option(names = {"-DV", "--DV"}, preprocessor = GoFlagPreprocessor.class)
    boolean debugAndTrace;
    @Option(names = {"-DVV", "--DVV"}, preprocessor = GoFlagPreprocessor.class)
    boolean debugAndTraceVerbose;
    @Option(names = {"-log_size_limit", "--log_size_limit"}, preprocessor = GoFlagPreprocessor.class)
    long logSizeLimit;
    @Option(names = {"-max_traced_msg_len", "--max_traced_msg_len"}, preprocessor = GoFlagPreprocessor.class)
    long maxTracedMsgLen;

    // JetStream options
    @Option(names = {"-js", "--js", "-jetstream", "--jetstream"}, preprocessor = GoFlagPreprocessor.class)
    boolean jetstream;
    @Option(names = {"-sd", "--sd", "-store_dir", "--store_dir"}, preprocessor = GoFlagPreprocessor.class)
    String storeDir = "";

    // Authorization options
    @Option(names = {"-user", "--user"}, preprocessor = GoFlagPreprocessor.class)
    String user = "";
    @Option(names = {"-pass", "--pass"}, preprocessor = GoFlagPreprocessor.class)
    String password = "";
    @Option(names = {"-auth", "--auth"}, preprocessor = GoFlagPreprocessor.class)
    String authToken = "";

    // TLS options
    @Option(names = {"-tls", "--tls"}, preprocessor = GoFlagPreprocessor.class)
    boolean tls;
    @Option(names = {"-tlscert", "--tlscert"}, preprocessor = GoFlagPreprocessor.class)
    String tlsCert = "";
    @Option(names = {"-tlskey", "--tlskey"}, preprocessor = GoFlagPreprocessor.class)
    String tlsKey = "";
    @Option(names = {"-tlsverify", "--tlsverify"}, preprocessor = GoFlagPreprocessor.class)
    boolean tlsVerify;
    @Option(names = {"-tlscacert", "--tlscacert"}, preprocessor = GoFlagPreprocessor.class)
    String tlsCaCert = "";

    // Cluster options (nats-server binds --cluster and --cluster_listen to the same variable)
    @Option(names = {"-routes", "--routes"}, preprocessor = GoFlagPreprocessor.class)
    String routes = "";
    @Option(names = {"-cluster", "--cluster", "-cluster_listen", "--cluster_listen"},
            preprocessor = GoFlagPreprocessor.class)
    String clusterListen = "";
    @Option(names = {"-cluster_name", "--cluster_name"}, preprocessor = GoFlagPreprocessor.class)
    String clusterName = "";
    @Option(names = {"-no_advertise", "--no_advertise"}, preprocessor = GoFlagPreprocessor.class)
    boolean noAdvertise;
    @Option(names = {"-cluster_advertise", "--cluster_advertise"}, preprocessor = GoFlagPreprocessor.class)
    String clusterAdvertise = "";
    @Option(names = {"-connect_retries", "--connect_retries"}, preprocessor = GoFlagPreprocessor.class)
    long connectRetries;

    // Profiling options
    @Option(names = {"-profile", "--profile"}, preprocessor = GoFlagPreprocessor.class)
    long profilePort;

    // Common options
    @Option(names = {"-h", "--h", "-help", "--help"}, preprocessor = GoFlagPreprocessor.class)
    boolean help;
    @Option(names = {"-v", "--v", "-version", "--version"}, preprocessor = GoFlagPreprocessor.class)
    boolean version;
    @Option(names = {"-help_tls", "--help_tls"}, preprocessor = GoFlagPreprocessor.class)
    boolean helpTls;

    /** What follows the flags; nats-server reads its first word as a command ("version", "help"). */
    @Parameters(arity = "0..*")
    List<String> commands = new ArrayList<>();

    /**
     * The flags given on the command line, by their longest name without dashes ("debug", "DV", "logtime"), so
     * that only those override a config file: a boolean flag's default must not undo a file's setting.
     */
    final Set<String> given = new HashSet<>();

    boolean isGiven(String... names) {
        for (String name : names) {
            if (given.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Applies nats-server's combination flags: -DV, -VV and -DVV only ever switch things on. */
    boolean debugEnabled() {
        return debug || debugAndTrace || debugAndTraceVerbose;
    }

    boolean traceEnabled() {
        return trace || traceVerbose || debugAndTrace || debugAndTraceVerbose;
    }

    boolean traceVerboseEnabled() {
        return traceVerbose || debugAndTraceVerbose;
    }
}
