package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientUrlsTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1", "::, ::", "fe80:0:0:0:fc:ff:fe00:1, fe80::fc:ff:fe00:1", "fd00:0:0:0:0:0:0:2, fd00::2",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3"
    })
    void ipv6IsWrittenTheGoWay(String java, String go) throws Exception {
        assertThat(ClientUrls.compressIpv6(InetAddress.getByName(java).getAddress())).isEqualTo(go);
    }

    @Test
    void aSpecificHostIsListedAsIs() {
        assertThat(ClientUrls.of("nats", "127.0.0.1", 4222)).containsExactly("nats://127.0.0.1:4222");
        assertThat(ClientUrls.of("nats", "::1", 4222)).containsExactly("nats://[::1]:4222");
    }

    @Test
    void aWildcardHostListsEveryInterfaceAddressLoopbackIncluded() {
        assertThat(ClientUrls.of("nats", "0.0.0.0", 4333)).contains("nats://127.0.0.1:4333")
                .allMatch(u -> u.matches("nats://(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-f:]+\\]):4333"));
    }
}
