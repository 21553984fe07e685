package io.jnatsd.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/** The JSON of a client's CONNECT. Field names are the wire names; absent fields keep nats-server's defaults. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ConnectOptions {
    /** Strict like Go's encoding/json: no type coercion, no trailing content. */
    private static final ObjectMapper MAPPER = strictMapper();

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

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    private ConnectOptions copy() {
        ConnectOptions c = new ConnectOptions();
        c.verbose = verbose;
        c.pedantic = pedantic;
        c.tlsRequired = tlsRequired;
        c.authToken = authToken;
        c.user = user;
        c.pass = pass;
        c.nkey = nkey;
        c.sig = sig;
        c.jwt = jwt;
        c.name = name;
        c.lang = lang;
        c.version = version;
        c.protocol = protocol;
        c.echo = echo;
        c.headers = headers;
        c.noResponders = noResponders;
        c.account = account;
        c.newAccount = newAccount;
        return c;
    }

    /**
     * Applies a CONNECT's JSON on top of {@code current}, as nats-server does: fields the JSON leaves out keep their
     * values (so verbose and pedantic stay on unless turned off), and {@code null} changes nothing.
     *
     * @throws IOException when the JSON is malformed or a field has the wrong type
     */
    public static ConnectOptions parse(byte[] b, int off, int len, ConnectOptions current) throws IOException {
        if (len == 0) {
            throw new IOException("empty CONNECT");
        }
        ConnectOptions updated = current.copy();
        return MAPPER.readerForUpdating(updated).readValue(b, off, len);
    }
}
