package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's JSON types for the API requests (the differential test compares what nats-server 2.9.10 also knows). */
class RequestShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean fits(RequestShape.Shape s, String json) throws Exception {
        return s.fits(JSON.readTree(json));
    }

    @Test
    void integersAreGoIntegers() throws Exception {
        RequestShape.Shape s = RequestShape.STREAM_CONFIG;
        assertThat(fits(s, "{\"max_msgs\":1000}")).isTrue();
        assertThat(fits(s, "{\"max_msgs\":null}")).isTrue();
        assertThat(fits(s, "{\"max_msgs\":1e3}")).isFalse();
        assertThat(fits(s, "{\"max_msgs\":99999999999999999999}")).as("beyond int64").isFalse();
        assertThat(fits(s, "{\"max_age\":\"1h\"}")).as("a duration is nanoseconds").isFalse();
    }

    @Test
    void twoTenFieldsHaveTheirTypesToo() throws Exception {
        assertThat(fits(RequestShape.STREAM_CONFIG, "{\"metadata\":{\"a\":\"b\"}}")).isTrue();
        assertThat(fits(RequestShape.STREAM_CONFIG, "{\"metadata\":[1]}")).isFalse();
        assertThat(fits(RequestShape.STREAM_CONFIG, "{\"metadata\":{\"a\":1}}")).isFalse();
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"filter_subjects\":[\"a\",\"b\"]}")).isTrue();
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"filter_subjects\":\"a\"}")).isFalse();
    }

    @Test
    void timesAreRfc3339AndUnknownFieldsPass() throws Exception {
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"opt_start_time\":\"2026-11-22T08:20:06.994541495Z\"}"))
                .isTrue();
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"opt_start_time\":\"2026-11-22T09:20:06+01:00\"}")).isTrue();
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"opt_start_time\":\"2026-11-22\"}")).isFalse();
        assertThat(fits(RequestShape.CONSUMER_CONFIG, "{\"pause_until\":5,\"whatever\":[1]}")).isTrue();
    }

    @Test
    void checkRefusesByTheApiSubject() throws Exception {
        String[] create = {"CONSUMER", "CREATE", "S"};
        RequestShape.check(create, JSON.readTree("{\"stream_name\":\"S\",\"config\":{\"ack_wait\":1000}}"));
        assertThatThrownBy(() -> RequestShape.check(create,
                JSON.readTree("{\"stream_name\":\"S\",\"config\":{\"ack_wait\":\"30s\"}}")))
                .isInstanceOf(JsException.class).hasMessageContaining("invalid JSON");
        RequestShape.check(new String[] {"CONSUMER", "MSG", "NEXT", "S", "C"}, JSON.readTree("{\"batch\":\"x\"}"));
    }
}
