package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /healthz}: a server that answers is healthy. The JetStream checks nats-server offers pass trivially
 * because JetStream is not enabled (nats-server answers "ok" in that case too); their parameters are still checked.
 */
final class HealthzEndpoint implements Endpoint {
    @Override
    public Reply handle(Query q) throws BadRequest {
        q.bool("js-enabled-only");
        q.bool("js-enabled");
        q.bool("js-server-only");
        ObjectNode r = JsonOut.object();
        r.put("status", "ok");
        return Reply.compactJson(200, r);
    }
}
