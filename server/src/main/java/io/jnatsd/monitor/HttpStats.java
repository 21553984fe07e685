package io.jnatsd.monitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests served per monitoring path: /varz "http_req_stats". */
final class HttpStats {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String path) {
        counts.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    /** Sorted by path, as Go writes a map. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
