package io.jnatsd.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;

/** The JSON of a client's CONNECT. Field names are the wire names; absent fields keep nats-server's defaults. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ConnectOptions {
    private static final ObjectReader READER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readerFor(ConnectOptions.class);

    @JsonProperty("verbose") public boolean verbose;
    @JsonProperty("pedantic") public boolean pedantic;
    @JsonProperty("tls_required") public boolean tlsRequired;
    @JsonProperty("auth_token") public String authToken;
    @JsonProperty("user") public String user;
    @JsonProperty("pass") public String pass;
    @JsonProperty("nkey") public String nkey;
    @JsonProperty("sig") public String sig;
    @JsonProperty("jwt") public String jwt;
    @JsonProperty("name") public String name;
    @JsonProperty("lang") public String lang;
    @JsonProperty("version") public String version;
    @JsonProperty("protocol") public int protocol;
    @JsonProperty("echo") public boolean echo = true;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("no_responders") public boolean noResponders;
    @JsonProperty("account") public String account;
    @JsonProperty("new_account") public boolean newAccount;

    /** The options a client has before it sends CONNECT (nats-server: verbose and pedantic on). */
    public static ConnectOptions beforeConnect() {
        ConnectOptions o = new ConnectOptions();
        o.verbose = true;
        o.pedantic = true;
        return o;
    }

    /** @throws IOException when the JSON is malformed */
    public static ConnectOptions parse(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            throw new IOException("empty CONNECT");
        }
        return READER.readValue(b, off, len);
    }
}
