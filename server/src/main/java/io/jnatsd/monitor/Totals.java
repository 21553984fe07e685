package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;

/**
 * Server-wide message totals: the live connections' own counters plus the sums the registry kept of closed ones.
 * Summed per request, so the message path never writes a shared counter.
 */
final class Totals {
    int connections;
    long inMsgs;
    long outMsgs;
    long inBytes;
    long outBytes;

    static Totals of(ClientRegistry reg) {
        Totals t = new Totals();
        java.util.List<ClientConnection> live;
        synchronized (reg) { // the registry moves a closing connection from live to closed under this lock
            t.inMsgs = reg.closedInMsgs();
            t.outMsgs = reg.closedOutMsgs();
            t.inBytes = reg.closedInBytes();
            t.outBytes = reg.closedOutBytes();
            live = reg.snapshot();
        }
        for (ClientConnection c : live) {
            t.connections++;
            t.inMsgs += c.inMsgs();
            t.outMsgs += c.outMsgs();
            t.inBytes += c.inBytes();
            t.outBytes += c.outBytes();
        }
        return t;
    }

    /** One account's live connections (the registry keeps closed connections' sums server-wide only). */
    static Totals ofAccount(ClientRegistry reg, String account) {
        Totals t = new Totals();
        for (ClientConnection c : reg.snapshot()) {
            if (c.accountName().equals(account)) {
                t.connections++;
                t.inMsgs += c.inMsgs();
                t.outMsgs += c.outMsgs();
                t.inBytes += c.inBytes();
                t.outBytes += c.outBytes();
            }
        }
        return t;
    }

    /** The subscription index counters of every account, summed (fan-out: the widest, and the mean of means). */
    static io.jnatsd.subject.SubjectIndex.Stats indexStats(ServerView server) {
        long subs = 0, cache = 0, inserts = 0, removes = 0, matches = 0, hits = 0, maxFanout = 0;
        double avg = 0;
        int withCache = 0;
        for (io.jnatsd.account.Account<ClientConnection> a : server.clients().accounts().all()) {
            var s = a.index().stats();
            subs += s.subscriptions();
            cache += s.cacheEntries();
            inserts += s.inserts();
            removes += s.removes();
            matches += s.matches();
            hits += s.cacheHits();
            maxFanout = Math.max(maxFanout, s.maxFanout());
            if (s.cacheEntries() > 0) {
                avg += s.avgFanout();
                withCache++;
            }
        }
        return new io.jnatsd.subject.SubjectIndex.Stats(subs, cache, inserts, removes, matches, hits, maxFanout,
                withCache == 0 ? 0 : avg / withCache);
    }

    /** Client subscriptions in every account. */
    static long subscriptions(ServerView server) {
        long n = 0;
        for (io.jnatsd.account.Account<ClientConnection> a : server.clients().accounts().all()) {
            n += a.index().count();
        }
        return n;
    }
}
