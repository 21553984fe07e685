package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.JsError;
import io.jnatsd.jetstream.JsException;
import io.jnatsd.jetstream.store.SubjectFilter;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The checks nats-server 2.9.10 makes on a consumer create request, with its error codes and texts. */
final class ConsumerRules {
    private ConsumerRules() {
    }

    private static JsException bad(int errCode, String description) {
        return new JsException(new JsError(400, errCode, description));
    }

    static void check(ConsumerConfig c, String subjectName, String subjectFilter, boolean durableApi,
            StreamView stream) {
        if (durableApi) {
            if (c.durable() == null) {
                throw bad(10018, "consumer expected to be durable but a durable name was not set");
            }
            if (!c.durable().equals(subjectName)) {
                throw bad(10017, "consumer name in subject does not match durable name in request");
            }
        } else if (subjectName != null) {
            String bodyName = c.name() != null ? c.name() : c.durable();
            if (bodyName != null && !bodyName.equals(subjectName)) {
                throw bad(10017, "consumer name in subject does not match durable name in request");
            }
            if (subjectFilter != null && !subjectFilter.equals(c.filterSubject())) {
                throw bad(10131, "Consumer create request did not match filtered subject from create subject");
            }
        }
        if (c.durable() != null && c.name() != null && !c.durable().equals(c.name())) {
            throw bad(10132, "Consumer Durable and Name have to be equal if both are provided");
        }
        for (String n : new String[] {c.durable(), c.name(), subjectName}) {
            if (n != null && !validName(n)) {
                throw bad(10103, "durable name can not contain '.', '*', '>'");
            }
        }
        if (c.deliverSubject() != null) {
            if (c.deliverSubject().contains("*") || c.deliverSubject().contains(">")) {
                throw bad(10079, "consumer deliver subject has wildcards");
            }
            if (c.maxWaiting() > 0) {
                throw bad(10080, "consumer in push mode can not set max waiting");
            }
            if (c.flowControl() && c.idleHeartbeatNanos() <= 0) {
                throw bad(10108, "consumer with flow control also needs heartbeats");
            }
        } else {
            if (c.idleHeartbeatNanos() > 0) {
                throw bad(10088, "consumer idle heartbeat requires a push based consumer");
            }
            if (c.flowControl()) {
                throw bad(10089, "consumer flow control requires a push based consumer");
            }
            if (c.rateLimitBps() > 0) {
                throw bad(10086, "consumer in pull mode can not have rate limit set");
            }
            if (c.maxWaiting() < 0) {
                throw bad(10087, "consumer max waiting needs to be positive");
            }
        }
        if (c.idleHeartbeatNanos() > 0 && c.idleHeartbeatNanos() < 100_000_000L) {
            throw bad(10083, "consumer idle heartbeat needs to be >= 100ms");
        }
        if (!c.acks() && c.maxAckPending() > 0) {
            throw bad(10082, "consumer requires ack policy for max ack pending");
        }
        if (!c.backoff().isEmpty() && c.maxDeliver() > 0 && c.maxDeliver() <= c.backoff().size()) {
            throw bad(10116, "max deliver is required to be > length of backoff values");
        }
        if (c.filterSubject() != null && !c.filterSubjects().isEmpty()) {
            throw bad(10136, "consumer cannot have both FilterSubject and FilterSubjects specified");
        }
        if (c.deliverPolicy().equals("by_start_sequence") && c.optStartSeq() <= 0) {
            throw bad(10094, "consumer delivery policy is deliver by start sequence, but optional start sequence "
                    + "is not set");
        }
        if (c.deliverPolicy().equals("by_start_time") && c.optStartTime() == null) {
            throw bad(10094, "consumer delivery policy is deliver by start time, but optional start time is not "
                    + "set");
        }
        for (String f : c.filters()) {
            if (f.isEmpty()) {
                throw bad(10139, "consumer filter in FilterSubjects cannot be empty");
            }
            boolean inStream = false;
            for (String s : stream.subjects()) {
                inStream |= SubjectFilter.matches(s, f) || overlaps(s, f);
            }
            if (!inStream && !stream.subjects().isEmpty()) { // a mirror / sourcing stream has none: any filter
                throw bad(10093, "consumer filter subject is not a valid subset of the interest subjects");
            }
        }
        List<String> fs = c.filterSubjects();
        for (int i = 0; i < fs.size(); i++) {
            for (int j = i + 1; j < fs.size(); j++) {
                if (overlaps(fs.get(i), fs.get(j))) {
                    throw bad(10138, "consumer subject filters cannot overlap");
                }
            }
        }
    }

    /** A durable created again: only what nats-server lets an update change may differ. */
    static void checkUpdate(ConsumerConfig old, ConsumerConfig c) {
        if (!old.deliverPolicy().equals(c.deliverPolicy())) {
            throw new JsException(new JsError(500, 10012, "deliver policy can not be updated"));
        }
        if (old.optStartSeq() != c.optStartSeq()) {
            throw new JsException(new JsError(500, 10012, "start sequence can not be updated"));
        }
        if (!Objects.equals(old.optStartTime(), c.optStartTime())) {
            throw new JsException(new JsError(500, 10012, "start time can not be updated"));
        }
        if (!old.ackPolicy().equals(c.ackPolicy())) {
            throw new JsException(new JsError(500, 10012, "ack policy can not be updated"));
        }
        if (!old.replayPolicy().equals(c.replayPolicy())) {
            throw new JsException(new JsError(500, 10012, "replay policy can not be updated"));
        }
        if (old.pull() != c.pull()) {
            throw new JsException(new JsError(500, 10012, old.pull()
                    ? "can not update pull consumer to push based" : "can not update push consumer to pull based"));
        }
        if (!old.filters().equals(c.filters())) {
            throw new JsException(new JsError(500, 10012, "can not update filter subject"));
        }
    }

    /** Workqueue streams: explicit acks, deliver all, and one consumer per (non-overlapping) filter. */
    static void checkRetention(ConsumerConfig c, StreamView stream, Collection<Consumer> existing) {
        if (!stream.retention().equals("workqueue")) {
            return;
        }
        if (!c.ackPolicy().equals("explicit")) {
            throw c.pull() ? bad(10084, "consumer in pull mode requires ack policy")
                    : bad(10098, "workqueue stream requires explicit ack");
        }
        List<String> mine = c.filters();
        for (Consumer other : existing) {
            List<String> theirs = other.config().filters();
            if (mine.isEmpty()) {
                throw bad(10099, "multiple non-filtered consumers not allowed on workqueue stream");
            }
            if (theirs.isEmpty()) {
                throw bad(10100, "filtered consumer not unique on workqueue stream");
            }
            for (String a : mine) {
                for (String b : theirs) {
                    if (overlaps(a, b)) {
                        throw bad(10100, "filtered consumer not unique on workqueue stream");
                    }
                }
            }
        }
        if (!c.deliverPolicy().equals("all")) {
            throw bad(10101, "consumer must be deliver all on workqueue stream");
        }
    }

    static boolean validName(String n) {
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch == '.' || ch == '*' || ch == '>' || ch == '/' || ch == '\\' || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return !n.isEmpty();
    }

    /** Whether two subject filters (wildcards allowed in both) can match a common subject. */
    static boolean overlaps(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (x[i].equals(">") || y[i].equals(">")) {
                return true;
            }
            if (!x[i].equals("*") && !y[i].equals("*") && !x[i].equals(y[i])) {
                return false;
            }
        }
        return x.length == y.length;
    }
}
