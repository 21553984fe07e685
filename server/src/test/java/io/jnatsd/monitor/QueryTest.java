package io.jnatsd.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Query decoding with Go's strconv rules and nats-server's error texts (checked against nats-server 2.9.10). */
class QueryTest {
    private static Query q(String name, String value) {
        return new Query(Map.of(name, List.of(value)));
    }

    @Test
    void booleansAcceptExactlyGoSpellings() throws Exception {
        for (String t : new String[] {"1", "t", "T", "true", "TRUE", "True"}) {
            assertThat(q("subs", t).bool("subs")).as(t).isTrue();
        }
        for (String f : new String[] {"0", "f", "F", "false", "FALSE", "False", ""}) {
            assertThat(q("subs", f).bool("subs")).as(f).isFalse();
        }
        assertThat(Query.empty().bool("subs")).isFalse();
        assertThatThrownBy(() -> q("subs", "yes").bool("subs")).isInstanceOf(BadRequest.class)
                .hasMessage("Error decoding boolean for 'subs': strconv.ParseBool: parsing \"yes\": invalid syntax");
        assertThatThrownBy(() -> q("auth", "tRuE").bool("auth")).isInstanceOf(BadRequest.class);
    }

    @Test
    void integersUseAtoiMessages() throws Exception {
        assertThat(q("limit", "25").integer("limit", 1024)).isEqualTo(25);
        assertThat(q("limit", "-3").integer("limit", 1024)).isEqualTo(-3);
        assertThat(q("limit", "+3").integer("limit", 1024)).isEqualTo(3);
        assertThat(Query.empty().integer("limit", 1024)).isEqualTo(1024);
        assertThatThrownBy(() -> q("limit", "abc").integer("limit", 0))
                .hasMessage("Error decoding int for 'limit': strconv.Atoi: parsing \"abc\": invalid syntax");
        assertThatThrownBy(() -> q("offset", "99999999999999999999").integer("offset", 0))
                .hasMessage("Error decoding int for 'offset': strconv.Atoi: parsing \"99999999999999999999\": "
                        + "value out of range");
    }

    @Test
    void unsignedUsesParseUintMessages() throws Exception {
        assertThat(q("cid", "18446744073709551615").unsigned("cid")).isEqualTo(-1L); // max uint64
        assertThat(q("cid", "7").unsigned("cid")).isEqualTo(7);
        assertThatThrownBy(() -> q("cid", "x").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> q("cid", "-1").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertThatThrownBy(() -> q("cid", "+1").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"+1\": invalid syntax");
        assertThatThrownBy(() -> q("cid", "99999999999999999999999").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"99999999999999999999999\": "
                        + "value out of range");
    }

    @Test
    void connzOptionsCheckSortAgainstState() throws Exception {
        assertThatThrownBy(() -> ConnzOptions.parse(q("sort", "stop")))
                .hasMessage("sort by stop only valid on closed connections");
        assertThatThrownBy(() -> ConnzOptions.parse(new Query(Map.of("sort", List.of("reason"),
                "state", List.of("all"))))).hasMessage("sort by reason only valid on closed connections");
        assertThatThrownBy(() -> ConnzOptions.parse(q("sort", "SUBS"))).hasMessage("invalid sorting option: SUBS");
        assertThatThrownBy(() -> ConnzOptions.parse(q("state", "bogus"))).hasMessage("Error decoding state for bogus");
        ConnzOptions o = ConnzOptions.parse(new Query(Map.of("limit", List.of("0"), "offset", List.of("-4"),
                "subs", List.of("detail"))));
        assertThat(o.limit).isEqualTo(1024);
        assertThat(o.offset).isZero();
        assertThat(o.subs).isTrue();
        assertThat(o.detail).isTrue();
        assertThat(ConnzOptions.parse(q("state", "any")).state).isEqualTo(ConnzOptions.State.ALL);
    }
}
