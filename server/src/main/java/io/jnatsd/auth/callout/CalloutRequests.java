package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.auth.ConnectingClient;
import io.jnatsd.auth.User;
import io.jnatsd.auth.nkey.InvalidNKeyException;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.server.ServerKeyPair;
import io.jnatsd.subject.Subscription;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks an auth callout service (a {@link CalloutTarget}: the configured one, or an account's in operator mode) about
 * one CONNECT at a time, without blocking anyone: a signed authorization request goes to {@code $SYS.REQ.USER.AUTH}
 * in the target's account with a fresh reply inbox the server subscribes to; the answer, judged by the target (or
 * the auth timeout) completes the client's login. Requests are built, signed and judged on one thread of its own,
 * never on an event loop.
 */
public final class CalloutRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CalloutRequests.class);
    /** Where nats-server sends authorization requests. */
    public static final String SUBJECT = "$SYS.REQ.USER.AUTH";
    /** The header naming the server's curve key on an encrypted request. */
    public static final String XKEY_HEADER = "Nats-Server-Xkey";
    private static final String INBOX_PREFIX = "_INBOX.";
    private static final char[] INBOX_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private final CalloutServer server;
    private final Accounts<ClientConnection> accounts;
    private final Supplier<Duration> timeout;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jnatsd-callout", true));

    /** @param timeout the auth timeout, read per request (it may be reloaded) */
    public CalloutRequests(CalloutServer server, Accounts<ClientConnection> accounts, Supplier<Duration> timeout) {
        this.server = server;
        this.accounts = accounts;
        this.timeout = timeout;
    }

    /** Whether an account of this name exists (configured, or in operator mode loaded). */
    boolean accountExists(String name) {
        return accounts.get(name) != null;
    }

    /** Sends the request for this client to this target; the future completes with its user, or null when refused. */
    CompletableFuture<User> ask(CalloutTarget target, ConnectOptions connect, ConnectingClient client) {
        CompletableFuture<User> result = new CompletableFuture<>();
        run(() -> send(target, connect, client, result), result);
        return result;
    }

    /**
     * Runs {@code work} on the callout thread, then its request (when it returns a target) for this client: for
     * decisions that need slow lookups first (operator mode: resolving the user's account). The work completes
     * {@code result} itself when no request is needed.
     */
    CompletableFuture<User> decide(java.util.function.Function<CompletableFuture<User>, CalloutTarget> work,
            ConnectOptions connect, ConnectingClient client) {
        CompletableFuture<User> result = new CompletableFuture<>();
        run(() -> {
            CalloutTarget target = work.apply(result);
            if (target != null && !result.isDone()) {
                send(target, connect, client, result);
            }
        }, result);
        return result;
    }

    private void run(Runnable task, CompletableFuture<User> result) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Auth callout failed: {}", e.toString());
                    result.complete(null);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            result.complete(null);
        }
    }

    private void send(CalloutTarget target, ConnectOptions connect, ConnectingClient client,
            CompletableFuture<User> result) {
        Account<ClientConnection> account = accounts.get(target.account());
        if (account == null) {
            LOG.warn("No valid account \"{}\" for auth callout request: account not found", target.account());
            result.complete(null);
            return;
        }
        String sealTo = target.xkey();
        if (sealTo != null && server.xkeys() == null) {
            LOG.warn("Error encrypting auth request claim on account \"{}\": no server xkey", account.name());
            result.complete(null);
            return;
        }
        String userNkey = ServerKeyPair.generate(NKeyType.USER).publicKey(); // the answer must be about this key
        String reply = inbox();
        Subscription<InternalSubscriber<ClientConnection>> sub = account.subscribeInternal(reply,
                (publisher, p, payload, off) -> {
                    int body = Math.max(p.headerSize, 0);
                    byte[] msg = java.util.Arrays.copyOfRange(payload, off + body, off + p.totalSize);
                    run(() -> answered(target, msg, userNkey, account, result), result);
                    return true;
                });
        result.whenComplete((u, e) -> account.unsubscribeInternal(sub));
        Duration wait = timeout.get();
        Instant now = Instant.now();
        String jwt = SignedJwt.sign(AuthorizationRequest.claims(server, target.requestSubject(), userNkey, client,
                connect, now, now.plus(wait), sealTo == null ? null : server.xkeys().publicKey()), server.keys());
        executor.schedule(() -> {
            if (result.complete(null)) {
                LOG.debug("Authorization callout response not received in time on account \"{}\"", account.name());
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        byte[] request = jwt.getBytes(StandardCharsets.US_ASCII);
        if (sealTo == null) {
            InternalPublisher.publish(account, SUBJECT, reply, request);
            return;
        }
        try {
            byte[] sealed = server.xkeys().seal(request, sealTo);
            byte[] headers = ("NATS/1.0\r\n" + XKEY_HEADER + ": " + server.xkeys().publicKey() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            InternalPublisher.publish(account, SUBJECT, reply, headers, sealed);
        } catch (InvalidNKeyException e) {
            LOG.warn("Error encrypting auth request claim on account \"{}\": {}", account.name(), e.getMessage());
            result.complete(null);
        }
    }

    private void answered(CalloutTarget target, byte[] answer, String userNkey, Account<ClientConnection> account,
            CompletableFuture<User> result) {
        if (result.isDone()) {
            return; // timed out, or a second answer
        }
        boolean sealed = sealed(answer, target.xkey());
        String message = sealed ? opened(answer, target.xkey(), account) : new String(answer, StandardCharsets.UTF_8)
                .trim();
        if (message == null) {
            result.complete(null);
            return;
        }
        Verdict v = target.judge(message, userNkey, server.id(), sealed, Instant.now());
        if (v.user() == null) {
            LOG.warn(v.refusal());
        }
        result.complete(v.user());
    }

    /** When requests are encrypted, an answer that does not look like a JWT came sealed too. */
    private static boolean sealed(byte[] answer, String xkey) {
        boolean jwt = answer.length >= 3 && answer[0] == 'e' && answer[1] == 'y' && answer[2] == 'J';
        return xkey != null && !jwt && answer.length > 0;
    }

    /**
     * A sealed answer opened with the server's curve key (sender: the service's xkey), as text. Null (logged) when it
     * does not open.
     */
    private String opened(byte[] answer, String xkey, Account<ClientConnection> account) {
        try {
            byte[] opened = server.xkeys().open(answer, xkey);
            if (opened != null) {
                return new String(opened, StandardCharsets.UTF_8).trim();
            }
            LOG.warn("Error decrypting auth callout response on account \"{}\": could not decrypt message",
                    account.name());
        } catch (InvalidNKeyException e) {
            LOG.warn("Error decrypting auth callout response on account \"{}\": {}", account.name(),
                    e.getMessage());
        }
        return null;
    }

    private String inbox() {
        StringBuilder b = new StringBuilder(INBOX_PREFIX.length() + 22).append(INBOX_PREFIX);
        for (int i = 0; i < 22; i++) {
            b.append(INBOX_CHARS[random.nextInt(INBOX_CHARS.length)]);
        }
        return b.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
