package io.jnatsd.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Semantic errors: position (1-based; nats-server counts columns of line 1 from 0) and nats-server 2.9.10's
 * wording, which these were compared with.
 */
class ConfigFileLoaderErrorTest {

    private static List<String> problems(String text) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`port: 4222\nfoo_bar: 1`|t.conf:2:1: unknown field \"foo_bar\"",
        "`x = 2KB\nport: 1`|t.conf:1:1: unknown field \"x\"",
        "include: x|t.conf:1:1: unknown field \"include\"",
        "logtime_utc: true|t.conf:1:1: unknown field \"logtime_utc\"",
        "authorization { foo: 1 }|t.conf:1:17: unknown field \"foo\"",
        "cluster { compression: s2_auto }|t.conf:1:11: unknown field \"compression\"",
        "jetstream { foo: 1 }|t.conf:1:13: unknown field \"foo\"",
        "max_payload: \"abc\"|t.conf:1:1: interface conversion: interface {} is string, not int64",
        "port: 1.5|t.conf:1:1: interface conversion: interface {} is float64, not int64",
        "debug: 1|t.conf:1:1: interface conversion: interface {} is int64, not bool",
        "debug: \"true\"|t.conf:1:1: interface conversion: interface {} is string, not bool",
        "server_name: 1.5|t.conf:1:1: interface conversion: interface {} is float64, not string",
        "server_name: 2020-01-01T00:00:00Z|t.conf:1:1: interface conversion: interface {} is time.Time, not string",
        "host: {}|t.conf:1:1: interface conversion: interface {} is map[string]interface {}, not string",
        "authorization: 5|t.conf:1:1: interface conversion: interface {} is int64, not map[string]interface {}",
        "authorization { user: 5 }|t.conf:1:17: interface conversion: interface {} is int64, not string",
        "max_payload: 2GB|t.conf:1:1: max_payload value is too big",
        "max_control_line: 3GB|t.conf:1:1: max_control_line value is too big",
        "max_sub_tokens: 256|t.conf:1:1: max_sub_tokens value is too big",
        "max_sub_tokens: -1|t.conf:1:1: max_sub_tokens value can not be negative",
        "lame_duck_duration: \"4s\"|t.conf:1:1: invalid lame_duck_duration of 4s, minimum is 30 seconds",
        "lame_duck_duration: \"1x\"|t.conf:1:1: error parsing lame_duck_duration: time: unknown unit \"x\" in duration \"1x\"",
        "lame_duck_duration: 60|t.conf:1:1: interface conversion: interface {} is int64, not string",
        "lame_duck_grace_period: \"-1s\"|t.conf:1:1: invalid lame_duck_grace_period, needs to be positive",
        "ping_interval: \"abc\"|t.conf:1:1: error parsing ping_interval: time: invalid duration \"abc\"",
        "listen: \"abc\"|t.conf:1:1: could not parse address string \"abc\"",
        "listen: \"127.0.0.1:x\"|t.conf:1:1: could not parse port \"x\"",
        "listen: \"::1:4222\"|t.conf:1:1: could not parse address string \"::1:4222\"",
        "listen: true|t.conf:1:1: expected port or host:port, got bool",
        "http: \"localhost\"|t.conf:1:1: could not parse address string \"localhost\"",
        "server_tags: {}|t.conf:1:1: error parsing tags: unsupported type map[string]interface {}",
        "server_tags: [a, 1]|t.conf:1:1: error parsing tags: unsupported type int64 where string is expected",
        "authorization { user: a, password: b, token: c }|t.conf:1:1: Cannot have a user/pass and token",
        "authorization { user: a, password: b, users: [] }|t.conf:1:1: Can not have a single user/pass and a users array",
        "authorization { token: t, users: [] }|t.conf:1:1: Can not have a token and a users array",
        "authorization { users: {} }|t.conf:1:17: Expected users field to be an array, got map[string]interface {}",
        "authorization { timeout: true }|t.conf:1:17: timeout: expected a number of seconds or a duration string, got bool",
        "jetstream: foo|t.conf:1:1: Expected 'enabled' or 'disabled' for string value, got 'foo'",
        "jetstream: 5|t.conf:1:1: Expected map, bool or string to define JetStream, got int64",
        "jetstream { max_mem: {} }|t.conf:1:13: max_mem_store must be int64 or string",
        "jetstream { max_file: \"1X\" }|t.conf:1:13: max_file_store sizes defined as strings must end in K, M, G, T",
        "jetstream { max_file: -5 }|t.conf:1:1: max_file_store: must not be negative, got -5",
        "`store_dir: /a\njetstream { store_dir: /b }`|t.conf:2:13: Duplicate 'store_dir' configuration",
        "cluster: 5|t.conf:1:1: Expected map to define cluster, got int64",
        "cluster { listen: abc }|t.conf:1:11: could not parse address string \"abc\"",
        "cluster { routes: a }|t.conf:1:11: interface conversion: interface {} is string, not []interface {}",
    })
    void reportsWhereAndWhatLikeNatsServer(String text, String problem) {
        assertThat(problems(text)).containsExactly(problem);
    }

    @Test
    void allProblemsAreReportedWarningsFirstThenErrorsInFileOrder() {
        assertThat(problems("foo: 1\nping_interval: 1.5\nbar: 2\nport: x")).containsExactly(
                "t.conf:2:1: invalid use of field \"ping_interval\": ping_interval should be converted to a duration",
                "t.conf:1:1: unknown field \"foo\"",
                "t.conf:2:1: interface conversion: interface {} is float64, not int64",
                "t.conf:3:1: unknown field \"bar\"",
                "t.conf:4:1: interface conversion: interface {} is string, not int64");
    }

    @Test
    void theExceptionMessageHasOneProblemPerLine() {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder("a: 1\nb: 2"),
                ConfigFileException.class);
        assertThat(e.getMessage()).isEqualTo("t.conf:1:1: unknown field \"a\"\nt.conf:2:1: unknown field \"b\"");
    }

    @Test
    void valuesThatOnlyValidationRefusesNameTheirOptionAndWhereTheFileSetIt() {
        ServerOptions.Builder b = ServerOptions.builder();
        LoadReport r = Loading.report("\n\nmax_payload: -1", b);
        ConfigException e = catchThrowableOfType(b::build, ConfigException.class);
        assertThat(e.option()).isEqualTo("max_payload");
        assertThat(r.origin(e.option())).map(Object::toString).contains("t.conf:3:1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port: 70000|port", "max_payload: 0|max_payload", "max_payload: 2MB; max_pending: 1MB|max_payload",
        "max_connections: -1|max_connections", "ping_max: 0|ping_max", "ping_interval: \"-1s\"|ping_interval",
        "write_deadline: \"0s\"|write_deadline", "lame_duck_grace_period: \"0s\"|lame_duck_grace_period",
        "authorization { timeout: -1 }|auth_timeout", "http_port: 70000|http_port", "https_port: -2|https_port",
        "max_traced_msg_len: -1|max_traced_msg_len", "logfile_size_limit: -1|logfile_size_limit",
        "connect_error_reports: -1|connect_error_reports", "prof_port: 99999|prof_port",
        "cluster { port: 99999 }|cluster.port", "authorization { password: p }|pass"})
    void optionValidationCatchesWhatTheFileCannotTell(String text, String option) {
        ServerOptions.Builder b = ServerOptions.builder();
        LoadReport r = Loading.report(text, b);
        ConfigException e = catchThrowableOfType(b::build, ConfigException.class);
        assertThat(e).as("no validation error for %s", text).isNotNull();
        assertThat(e.option()).isEqualTo(option);
        assertThat(r.origin(option)).isPresent();
    }
}
