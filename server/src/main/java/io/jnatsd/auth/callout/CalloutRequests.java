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
 * Asks the auth callout service about one CONNECT at a time, without blocking anyone: a signed authorization request
 * goes to {@code $SYS.REQ.USER.AUTH} in the callout account with a fresh reply inbox the server subscribes to; the
 * answer (or the auth timeout) completes the client's login. Requests are built, signed and judged on one thread of
 * its own, never on an event loop.
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

    private final AuthCalloutSettings settings;
    private final CalloutServer server;
    private final Accounts<ClientConnection> accounts;
    private final Supplier<Duration> timeout;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jnatsd-callout", true));

    /** @param timeout the auth timeout, read per request (it may be reloaded) */
    public CalloutRequests(AuthCalloutSettings settings, CalloutServer server, Accounts<ClientConnection> accounts,
            Supplier<Duration> timeout) {
        this.settings = settings;
        this.server = server;
        this.accounts = accounts;
        this.timeout = timeout;
    }

    public AuthCalloutSettings settings() {
        return settings;
    }

    /** Logs, as nats-server does at start, a callout account or auth user that does not exist. */
    public void checkConfiguration(java.util.Collection<User> configuredUsers) {
        if (accounts.get(settings.account()) == null) {
            LOG.error("Authorization callout account \"{}\" not valid", settings.account());
        }
        for (String u : settings.authUsers()) {
            boolean found = configuredUsers.stream().anyMatch(c -> u.equals(c.name()) || u.equals(c.nkey()));
            if (!found) {
                LOG.error("Authorization callout user \"{}\" not valid: <nil>", u);
            }
        }
    }

    /** Sends the request for this client; the future completes with its user, or null when refused. */
    public CompletableFuture<User> ask(ConnectOptions connect, ConnectingClient client) {
        CompletableFuture<User> result = new CompletableFuture<>();
        try {
            executor.execute(() -> send(connect, client, result));
        } catch (RejectedExecutionException shuttingDown) {
            result.complete(null);
        }
        return result;
    }

    private void send(ConnectOptions connect, ConnectingClient client, CompletableFuture<User> result) {
        Account<ClientConnection> account = accounts.get(settings.account());
        if (account == null) {
            LOG.warn("No valid account \"{}\" for auth callout request: account not found", settings.account());
            result.complete(null);
            return;
        }
        String userNkey = ServerKeyPair.generate(NKeyType.USER).publicKey(); // the answer must be about this key
        String reply = inbox();
        Subscription<InternalSubscriber<ClientConnection>> sub = account.subscribeInternal(reply,
                (publisher, p, payload, off) -> {
                    int body = Math.max(p.headerSize, 0);
                    byte[] msg = java.util.Arrays.copyOfRange(payload, off + body, off + p.totalSize);
                    run(() -> answered(msg, userNkey, account, result));
                    return true;
                });
        result.whenComplete((u, e) -> account.unsubscribeInternal(sub));
        Duration wait = timeout.get();
        Instant now = Instant.now();
        String jwt = SignedJwt.sign(AuthorizationRequest.claims(server, settings.issuer(), userNkey, client, connect,
                now, now.plus(wait)), server.keys());
        executor.schedule(() -> {
            if (result.complete(null)) {
                LOG.debug("Authorization callout response not received in time on account \"{}\"", account.name());
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        byte[] request = jwt.getBytes(StandardCharsets.US_ASCII);
        if (settings.xkey() == null) {
            InternalPublisher.publish(account, SUBJECT, reply, request);
            return;
        }
        try {
            byte[] sealed = server.xkeys().seal(request, settings.xkey());
            byte[] headers = ("NATS/1.0\r\n" + XKEY_HEADER + ": " + server.xkeys().publicKey() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            InternalPublisher.publish(account, SUBJECT, reply, headers, sealed);
        } catch (InvalidNKeyException e) {
            LOG.warn("Error encrypting auth request claim on account \"{}\": {}", account.name(), e.getMessage());
            result.complete(null);
        }
    }

    private void answered(byte[] answer, String userNkey, Account<ClientConnection> account,
            CompletableFuture<User> result) {
        if (result.isDone()) {
            return; // timed out, or a second answer
        }
        String message = plain(answer, account);
        if (message == null) {
            result.complete(null);
            return;
        }
        Verdict v = AuthorizationResponse.judge(message, userNkey, server.id(), settings, account.name(),
                name -> accounts.get(name) != null, Instant.now());
        if (v.user() == null) {
            LOG.warn(v.refusal());
        }
        result.complete(v.user());
    }

    /**
     * The answer as text: as sent, or, when requests are encrypted and the answer does not look like a JWT, opened
     * with the server's curve key (sender: the service's xkey). Null (logged) when it does not open.
     */
    private String plain(byte[] answer, Account<ClientConnection> account) {
        boolean jwt = answer.length >= 3 && answer[0] == 'e' && answer[1] == 'y' && answer[2] == 'J';
        if (settings.xkey() == null || jwt || answer.length == 0) {
            return new String(answer, StandardCharsets.UTF_8).trim();
        }
        try {
            byte[] opened = server.xkeys().open(answer, settings.xkey());
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

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // the server is closing: the client goes with it
        }
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
