package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.account.ResponseType;
import io.jnatsd.account.SubjectRewrite;
import io.jnatsd.account.SystemImports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the imports as internal subscriptions: a stream import in the exporting account, a service import in the
 * importing one (the config loader has already checked that each configured import is allowed), and in every
 * account the system account's services nats-server gives each account ({@link SystemImports}).
 */
public final class ImportRoutes {
    public static void install(Accounts<ClientConnection> accounts, List<AccountConfig> configured) {
        ImportRoutes routes = new ImportRoutes();
        Account<ClientConnection> system = accounts.system();
        if (system != null) {
            for (Account<ClientConnection> a : accounts.all()) {
                if (a != system) {
                    routes.addSystemImports(a, system);
                }
            }
        }
        for (AccountConfig c : configured) {
            Account<ClientConnection> importer = accounts.get(c.name());
            for (Import imp : c.imports()) {
                Account<ClientConnection> exporter = accounts.get(imp.account());
                if (exporter != null) {
                    routes.add(importer, exporter, imp);
                }
            }
        }
    }

    /** One reply mapping per (exporter, importer) pair, shared by that pair's service imports. */
    private final Map<String, ServiceReplies> replies = new HashMap<>();

    /** An installer for imports added one at a time (operator mode: as accounts are resolved). */
    public ImportRoutes() {
    }

    /** The system account's CONNZ and STATZ services for {@code account}'s own clients. */
    public synchronized void addSystemImports(Account<ClientConnection> account, Account<ClientConnection> system) {
        ServiceReplies r = new ServiceReplies(account, system);
        for (Import imp : SystemImports.of(account.name(), system.name())) {
            // Streamed, as nats-server: in a cluster every server with the account's clients answers the PING.
            Export export = new Export(true, imp.subject(), List.of(), ResponseType.STREAM,
                    Export.DEFAULT_RESPONSE_THRESHOLD);
            account.subscribeInternal(imp.localSubject(), new ServiceImportForward(account, system,
                    SubjectRewrite.of(imp.localSubject(), imp.subject()), export, r));
        }
    }

    /** An installed import: the internal subscription and the account holding it, so it can be removed. */
    public record Installed(Account<ClientConnection> owner,
            io.jnatsd.subject.Subscription<io.jnatsd.account.InternalSubscriber<ClientConnection>> subscription) {
        public void remove() {
            owner.unsubscribeInternal(subscription);
        }
    }

    /**
     * Installs one import (already checked to be allowed); null when the exporter has no service export for it.
     * The result removes it again (operator mode: an expired activation, an account JWT update).
     */
    public synchronized Installed add(Account<ClientConnection> importer, Account<ClientConnection> exporter,
            Import imp) {
        if (imp.service()) {
            Export export = exporter.serviceExport(imp.subject());
            if (export == null) {
                return null;
            }
            ServiceReplies r = replies.computeIfAbsent(exporter.name() + " " + importer.name(),
                    k -> new ServiceReplies(importer, exporter));
            return new Installed(importer, importer.subscribeInternal(imp.localSubject(), new ServiceImportForward(
                    importer, exporter, SubjectRewrite.of(imp.localSubject(), imp.subject()), export, r)));
        }
        return new Installed(exporter, exporter.subscribeInternal(imp.subject(),
                new StreamImportForward(importer, imp.subject(), imp.localSubject())));
    }
}
