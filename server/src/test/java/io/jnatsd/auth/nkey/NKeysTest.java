package io.jnatsd.auth.nkey;

import io.jnatsd.server.ServerId;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The NKey codec against keys and signatures made by jnats's own NKey implementation. */
class NKeysTest {
    private static final byte[] DATA = "nonce-to-sign".getBytes(StandardCharsets.US_ASCII);

    @Test
    void jnatsKeysDecodeWithTheirType() throws Exception {
        assertThat(NKeys.typeOf(new String(NKey.createUser(null).getPublicKey()))).isEqualTo(NKeyType.USER);
        assertThat(NKeys.typeOf(new String(NKey.createAccount(null).getPublicKey()))).isEqualTo(NKeyType.ACCOUNT);
        assertThat(NKeys.typeOf(new String(NKey.createOperator(null).getPublicKey())))
                .isEqualTo(NKeyType.OPERATOR);
        assertThat(NKeys.typeOf(new String(NKey.createServer(null).getPublicKey()))).isEqualTo(NKeyType.SERVER);
    }

    @Test
    void encodeIsTheInverseOfRawKey() throws Exception {
        String pub = new String(NKey.createUser(null).getPublicKey());
        assertThat(NKeys.encode(NKeyType.USER, NKeys.rawKey(pub, NKeyType.USER))).isEqualTo(pub);
    }

    @Test
    void serverIdsAreServerKeys() {
        String id = ServerId.generate();
        assertThat(id).hasSize(56).startsWith("N");
        assertThat(NKeys.typeOf(id)).isEqualTo(NKeyType.SERVER);
    }

    @Test
    void signatureByTheKeyVerifies() throws Exception {
        NKey k = NKey.createUser(null);
        String pub = new String(k.getPublicKey());
        assertThat(NKeys.verify(pub, NKeyType.USER, DATA, k.sign(DATA))).isTrue();
    }

    @Test
    void signatureOverOtherDataOrByAnotherKeyFails() throws Exception {
        NKey k = NKey.createUser(null);
        String pub = new String(k.getPublicKey());
        byte[] sig = k.sign(DATA);
        assertThat(NKeys.verify(pub, NKeyType.USER, "other".getBytes(StandardCharsets.US_ASCII), sig)).isFalse();
        String other = new String(NKey.createUser(null).getPublicKey());
        assertThat(NKeys.verify(other, NKeyType.USER, DATA, sig)).isFalse();
        sig[10] ^= 1;
        assertThat(NKeys.verify(pub, NKeyType.USER, DATA, sig)).isFalse();
        assertThat(NKeys.verify(pub, NKeyType.USER, DATA, new byte[3])).isFalse();
    }

    @Test
    void wrongTypeIsRefused() throws Exception {
        NKey k = NKey.createAccount(null);
        String pub = new String(k.getPublicKey());
        assertThat(NKeys.verify(pub, NKeyType.USER, DATA, k.sign(DATA))).isFalse();
        assertThatThrownBy(() -> NKeys.rawKey(pub, NKeyType.USER)).isInstanceOf(InvalidNKeyException.class);
    }

    @Test
    void brokenChecksumOrAlphabetOrLengthIsInvalid() throws Exception {
        String pub = new String(NKey.createUser(null).getPublicKey());
        char c = pub.charAt(20);
        String flipped = pub.substring(0, 20) + (c == 'A' ? 'B' : 'A') + pub.substring(21);
        assertThat(NKeys.typeOf(flipped)).isNull();
        assertThat(NKeys.typeOf(pub.substring(0, 20) + "1" + pub.substring(21))).isNull();
        assertThat(NKeys.typeOf(pub.substring(1))).isNull();
        assertThat(NKeys.typeOf(null)).isNull();
    }
}
