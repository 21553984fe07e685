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
    private ImportRoutes() {
    }

    public static void install(Accounts<ClientConnection> accounts, List<AccountConfig> configured) {
        // One reply mapping per (exporter, importer) pair, shared by that pair's service imports.
        Map<String, ServiceReplies> replies = new HashMap<>();
        Account<ClientConnection> system = accounts.system();
        if (system != null) {
            for (Account<ClientConnection> a : accounts.all()) {
                if (a == system) {
                    continue;
                }
                ServiceReplies r = new ServiceReplies(a, system);
                for (Import imp : SystemImports.of(a.name(), system.name())) {
                    Export export = new Export(true, imp.subject(), List.of(), ResponseType.SINGLETON,
                            Export.DEFAULT_RESPONSE_THRESHOLD);
                    a.subscribeInternal(imp.localSubject(), new ServiceImportForward(a, system,
                            SubjectRewrite.of(imp.localSubject(), imp.subject()), export, r));
                }
            }
        }
        for (AccountConfig c : configured) {
            Account<ClientConnection> importer = accounts.get(c.name());
            for (Import imp : c.imports()) {
                Account<ClientConnection> exporter = accounts.get(imp.account());
                if (exporter == null) {
                    continue;
                }
                if (imp.service()) {
                    Export export = exporter.serviceExport(imp.subject());
                    if (export == null) {
                        continue;
                    }
                    ServiceReplies r = replies.computeIfAbsent(exporter.name() + " " + importer.name(),
                            k -> new ServiceReplies(importer, exporter));
                    importer.subscribeInternal(imp.localSubject(), new ServiceImportForward(importer, exporter,
                            SubjectRewrite.of(imp.localSubject(), imp.subject()), export, r));
                } else {
                    exporter.subscribeInternal(imp.subject(),
                            new StreamImportForward(importer, SubjectRewrite.of(imp.subject(), imp.localSubject())));
                }
            }
        }
    }
}
