package io.jnatsd.auth.xkey;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * X25519 + XSalsa20-Poly1305 against libsodium 1.0.18: the expected values were made with crypto_scalarmult_base,
 * crypto_box_easy and crypto_secretbox_easy (through ctypes) for the same keys, nonce and messages: secret keys
 * 0..31 (a) and 32..63 (b), nonce 100..123, secretbox key 200..231, message byte i = (7i + 3) mod 256.
 */
class CurveKeyPairTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SK_A = range(0, 32);
    private static final byte[] SK_B = range(32, 32);
    private static final byte[] NONCE = range(100, 24);
    private static final byte[] KEY = range(200, 32);
    private static final String PK_A = "8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f";
    private static final String PK_B = "358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254";

    private static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] message(int n) {
        byte[] m = new byte[n];
        for (int i = 0; i < n; i++) {
            m[i] = (byte) ((i * 7 + 3) % 256);
        }
        return m;
    }

    private static String box(int n) {
        return switch (n) {
            case 5 -> "e7bfd250c93025c2c327c7da44fe4a14e6897accab";
            case 100 -> "18cfaab5bd9a2ccae3bc4745a21bb4e5e6897accab27039cccb21e573477c6fb223085027a284df89f1ab599a6499705"
                + "2dfd8a0c0a11f30b61b27563382466fd0ce55c2fa61bf1edeb8141341690bca9043d45a93a26f5a888d27118bdc86973"
                + "6a1a9149a34efb8a50abfc573ed14939984998fc";
            default -> "e67565e6b8b51d24a617f654016047d5e6897accab27039cccb21e573477c6fb223085027a284df89f1ab599a6499705"
                + "2dfd8a0c0a11f30b61b27563382466fd0ce55c2fa61bf1edeb8141341690bca9043d45a93a26f5a888d27118bdc86973"
                + "6a1a9149a34efb8a50abfc573ed14939984998fc6662271f81884905ba29f0fae9a11f3dfefdbe7751e52eb9413a670f"
                + "9035f9f85467de877406ff1358f3e4d11d2143b9cd69283e8691aa483bc301b083e708045bd7c5d2131dcc6e803c96c5"
                + "fdfadae08474f5772b9faa2d28aabca77d6e48e80dd1598c";
        };
    }

    private static String secretBox(int n) {
        return switch (n) {
            case 5 -> "b51372813fbe38af643e616112148956d6886ca5bb";
            case 100 -> "19f584a71b8820570ea318fe9561f995d6886ca5bb7ce824eb18ee57cb7c1aac40173b6dc1250011ef889c2a051d56ec"
                + "84ebeaae2b5b0de714490e0f2422faed2ad63e7995f0df5e9c5fa062e809bb8cd29b8c340b5574c677d2e64e7ebd73bf"
                + "bd1797a621ba4fb94adc10bcf45da2059e9be5e0";
            default -> "cbd5312d5281d4cdac76d463dac6974ed6886ca5bb7ce824eb18ee57cb7c1aac40173b6dc1250011ef889c2a051d56ec"
                + "84ebeaae2b5b0de714490e0f2422faed2ad63e7995f0df5e9c5fa062e809bb8cd29b8c340b5574c677d2e64e7ebd73bf"
                + "bd1797a621ba4fb94adc10bcf45da2059e9be5e09782be1040ab5c29ab09ab3d28cd2ef124ab9fd350e1f63ea96cdf7c"
                + "4294d8ac78f1c55c15e1cd3ab2b49ec25ab58767090e2d46f2271a9e8a8aee62811ecd7204188adc91828ac2f00d15cb"
                + "ae5119000ccde59972027d6c450d40916d8386dac840e7b9";
        };
    }

    @Test
    void publicKeysAreLibsodiumsScalarMultiples() throws Exception {
        assertThat(HEX.formatHex(NKeys.rawKey(CurveKeyPair.fromPrivate(SK_A).publicKey(), NKeyType.CURVE)))
                .isEqualTo(PK_A);
        assertThat(HEX.formatHex(NKeys.rawKey(CurveKeyPair.fromPrivate(SK_B).publicKey(), NKeyType.CURVE)))
                .isEqualTo(PK_B);
        assertThat(CurveKeyPair.generate().publicKey()).startsWith("X").hasSize(56);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 100, 200})
    void secretBoxMatchesLibsodium(int n) {
        byte[] sealed = SecretBox.seal(KEY, NONCE, message(n));
        assertThat(HEX.formatHex(sealed)).isEqualTo(secretBox(n));
        assertThat(SecretBox.open(KEY, NONCE, sealed, 0, sealed.length)).isEqualTo(message(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 100, 200})
    void sealIsXkv1NonceAndLibsodiumsBox(int n) throws Exception {
        CurveKeyPair a = CurveKeyPair.fromPrivate(SK_A);
        CurveKeyPair b = CurveKeyPair.fromPrivate(SK_B);
        byte[] sealed = a.seal(message(n), b.publicKey(), NONCE);
        assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("xkv1");
        assertThat(Arrays.copyOfRange(sealed, 4, 28)).isEqualTo(NONCE);
        assertThat(HEX.formatHex(sealed, 28, sealed.length)).isEqualTo(box(n));
        assertThat(b.open(sealed, a.publicKey())).isEqualTo(message(n));
    }

    @Test
    void tamperedOrForeignBoxesDoNotOpen() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        byte[] sealed = a.seal("secret".getBytes(StandardCharsets.UTF_8), b.publicKey());
        assertThat(b.open(sealed, a.publicKey())).asString().isEqualTo("secret");
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThat(b.open(flipped, a.publicKey())).isNull();
        assertThat(b.open(sealed, CurveKeyPair.generate().publicKey())).as("wrong sender").isNull();
        assertThat(b.open("eyJhbGc".getBytes(StandardCharsets.US_ASCII), a.publicKey())).isNull();
    }
}
