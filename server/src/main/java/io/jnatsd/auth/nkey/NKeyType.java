package io.jnatsd.auth.nkey;

/** The kinds of NKey public keys and the prefix byte each is encoded with (the first base32 letter). */
public enum NKeyType {
    OPERATOR('O'), SERVER('N'), CLUSTER('C'), ACCOUNT('A'), USER('U'),
    /** An X25519 public key (xkey), used to encrypt rather than sign. */
    CURVE('X');

    private final char letter;

    NKeyType(char letter) {
        this.letter = letter;
    }

    /** The prefix byte: the letter's base32 value in the top five bits. */
    int prefixByte() {
        return Base32.valueOf(letter) << 3;
    }

    public char letter() {
        return letter;
    }

    static NKeyType ofPrefixByte(int b) {
        for (NKeyType t : values()) {
            if (t.prefixByte() == (b & 0xff)) {
                return t;
            }
        }
        return null;
    }
}
