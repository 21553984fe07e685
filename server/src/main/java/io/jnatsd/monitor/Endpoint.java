package io.jnatsd.monitor;

/** One monitoring path: turns the request's query into a reply. Runs on the monitoring executor, never on I/O loops. */
interface Endpoint {
    Reply handle(Query q) throws BadRequest;
}
