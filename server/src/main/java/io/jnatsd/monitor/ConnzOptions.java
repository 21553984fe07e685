package io.jnatsd.monitor;

/** The query of /connz, decoded and checked in nats-server's order so the first bad parameter names the same error. */
final class ConnzOptions {
    /** nats-server's DefaultConnListSize. */
    static final int DEFAULT_LIMIT = 1024;

    enum State { OPEN, CLOSED, ALL }

    ConnSort sort;
    boolean auth;
    boolean subs;
    boolean detail;
    int offset;
    int limit;
    long cid;
    State state;
    String user;
    String account;
    String mqttClient;

    static ConnzOptions parse(Query q) throws BadRequest {
        ConnzOptions o = new ConnzOptions();
        String sort = q.text("sort");
        o.auth = q.bool("auth");
        o.detail = "detail".equals(q.text("subs"));
        o.subs = o.detail || q.bool("subs");
        o.offset = Math.max(0, q.integer("offset", 0));
        int limit = q.integer("limit", 0);
        o.limit = limit <= 0 ? DEFAULT_LIMIT : limit;
        o.cid = q.unsigned("cid");
        o.state = state(q.text("state"));
        o.user = q.text("user");
        o.account = q.text("acc");
        o.mqttClient = q.text("mqtt_client");
        o.sort = ConnSort.parse(sort);
        if (o.sort.closedOnly() && o.state != State.CLOSED) {
            throw new BadRequest("sort by " + o.sort.key + " only valid on closed connections");
        }
        return o;
    }

    private static State state(String v) throws BadRequest {
        switch (v) {
            case "":
            case "open":
                return State.OPEN;
            case "closed":
                return State.CLOSED;
            case "any":
            case "all":
                return State.ALL;
            default:
                throw new BadRequest("Error decoding state for " + v);
        }
    }
}
