package io.jnatsd.jetstream.mirror;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The feeds of one stream: its mirror, or one per source; reconciled when STREAM.UPDATE changes the sources. */
public final class StreamFeeds {
    private final FeedTarget target;
    private OriginFeed mirror;
    private final List<OriginFeed> sources = new ArrayList<>();

    public StreamFeeds(FeedTarget target) {
        this.target = target;
    }

    /** Starts (or, after an update, adds and removes) feeds so they match {@code o}. */
    public synchronized void apply(Origins o) {
        if (o.mirror() != null && mirror == null) {
            mirror = new OriginFeed(o.mirror(), true, target);
            mirror.start();
        }
        List<OriginFeed> keep = new ArrayList<>();
        for (OriginFeed f : sources) {
            if (o.sources().contains(f.origin())) {
                keep.add(f);
            } else {
                f.stop();
            }
        }
        for (Origin s : o.sources()) {
            if (keep.stream().noneMatch(f -> f.origin().equals(s))) {
                OriginFeed f = new OriginFeed(s, false, target);
                f.start();
                keep.add(f);
            }
        }
        sources.clear();
        sources.addAll(keep);
    }

    /** STREAM.INFO: {@code mirror} and {@code sources} state beside {@code state}. */
    public synchronized void writeInfo(ObjectNode r) {
        if (mirror != null) {
            r.set("mirror", mirror.info());
        }
        if (!sources.isEmpty()) {
            var a = r.putArray("sources");
            sources.forEach(f -> a.add(f.info()));
        }
    }

    public synchronized void stop() {
        if (mirror != null) {
            mirror.stop();
            mirror = null;
        }
        sources.forEach(OriginFeed::stop);
        sources.clear();
    }
}
