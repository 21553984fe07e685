package io.jnatsd.jetstream;

/** A JetStream API error as nats-server reports it: HTTP-like code, stable err_code, exact description. */
public record JsError(int code, int errCode, String description) {
    static final JsError BAD_REQUEST = new JsError(400, 10003, "bad request");
    static final JsError INVALID_JSON = new JsError(400, 10025, "invalid JSON");
    static final JsError NAME_MISMATCH = new JsError(400, 10056, "stream name in subject does not match request");
    static final JsError STREAM_NAME_IN_USE =
            new JsError(400, 10058, "stream name already in use with a different configuration");
    static final JsError STREAM_NOT_FOUND = new JsError(404, 10059, "stream not found");
    static final JsError NO_MESSAGE = new JsError(404, 10037, "no message found");
    static final JsError SUBJECTS_OVERLAP = new JsError(400, 10065, "subjects overlap with an existing stream");
    static final JsError INVALID_NAME = new JsError(400, 10057, "stream name is required and can not contain '.', '*', '>'");
    static final JsError STREAM_EXPECTED = new JsError(400, 10060, "expected stream does not match");
    static final JsError SEALED = new JsError(400, 10109, "invalid operation on sealed stream");
    static final JsError MSG_DELETE_DENIED = new JsError(400, 10052, "message delete not permitted");
    static final JsError PURGE_DENIED = new JsError(400, 10052, "stream purge not permitted");

    public JsError withDescription(String d) {
        return new JsError(code, errCode, d);
    }
}
