package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AckSubjectTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void writesTheFieldsInNatsServersOrder() {
        AckSubject a = new AckSubject("ORDERS", "worker");
        assertThat(text(a.of(1, 42, 7, 1_700_000_000_123_456_789L, 0)))
                .isEqualTo("$JS.ACK.ORDERS.worker.1.42.7.1700000000123456789.0");
        assertThat(text(a.of(12, Long.MAX_VALUE, 10, 9, 1_000_000)))
                .isEqualTo("$JS.ACK.ORDERS.worker.12.9223372036854775807.10.9.1000000");
    }

    @Test
    void aScratchReusedForTheNextSubjectLeavesNothingBehind() {
        AckSubject a = new AckSubject("S", "C");
        a.of(123_456, 123_456_789, 123_456_789, 123_456_789_012L, 99_999);
        assertThat(text(a.of(1, 2, 3, 4, 5))).isEqualTo("$JS.ACK.S.C.1.2.3.4.5");
    }
}
