package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.account.SubjectRewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the configured imports as internal subscriptions: a stream import in the exporting account, a service
 * import in the importing one (the config loader has already checked that each import is allowed).
 */
public final class ImportRoutes {
    public static void install(Accounts<ClientConnection> accounts, List<AccountConfig> configured) {
        ImportRoutes routes = new ImportRoutes();
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

    /**
     * Installs one import (already checked to be allowed); false when the exporter has no service export for it.
     * Returns the internal subscription's owner account and handle through the caller's account objects.
     */
    public synchronized boolean add(Account<ClientConnection> importer, Account<ClientConnection> exporter,
            Import imp) {
        if (imp.service()) {
            Export export = exporter.serviceExport(imp.subject());
            if (export == null) {
                return false;
            }
            ServiceReplies r = replies.computeIfAbsent(exporter.name() + " " + importer.name(),
                    k -> new ServiceReplies(importer, exporter));
            importer.subscribeInternal(imp.localSubject(), new ServiceImportForward(importer, exporter,
                    SubjectRewrite.of(imp.localSubject(), imp.subject()), export, r));
        } else {
            exporter.subscribeInternal(imp.subject(),
                    new StreamImportForward(importer, SubjectRewrite.of(imp.subject(), imp.localSubject())));
        }
        return true;
    }
}
