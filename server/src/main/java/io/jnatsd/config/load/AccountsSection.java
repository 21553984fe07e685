package io.jnatsd.config.load;

import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.AccountLimits;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.account.ResponseType;
import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.User;
import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import io.jnatsd.config.file.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code accounts {}}, {@code system_account} and {@code no_system_account}, with nats-server's checks and words:
 * users (unique across all accounts), exports, imports (the exporting account must exist and allow the import),
 * limits. Import problems are reported at the {@code accounts} key, as nats-server does.
 */
final class AccountsSection {
    private AccountsSection() {
    }

    static void register(KeyTable keys) {
        keys.on(AccountsSection::accounts, "accounts")
                .on((e, c) -> c.builder().systemAccount(Values.string(e.value())), "system_account", "system")
                .on((e, c) -> c.builder().noSystemAccount(Values.bool(e.value())),
                        "no_system_account", "no_system", "no_sys_acc");
    }

    private static void accounts(ConfEntry entry, LoadContext context) {
        ConfValue value = entry.value();
        List<AccountConfig> out = new ArrayList<>();
        Map<String, List<ImportAt>> importsByAccount = new HashMap<>();
        Set<String> userNames = new HashSet<>();
        if (value instanceof ConfArray names) {
            // The old form: a list of account names without settings.
            for (ConfValue v : names.elements()) {
                String name = Values.string(v);
                out.add(new AccountConfig(name, List.of(), List.of(), List.of(), AccountLimits.NONE, List.of()));
            }
        } else {
            for (ConfEntry a : Values.map(value).entries()) {
                try {
                    out.add(account(a, importsByAccount, userNames, context));
                } catch (UsersSection.Bad b) {
                    context.error(b.at, b.getMessage());
                }
            }
        }
        checkImports(out, importsByAccount, entry.keyPosition(), context);
        context.builder().accounts(out);
        context.setBy("accounts", entry.keyPosition());
        context.builder().configBlock(new ConfigBlock("accounts", entry.key(), entry.keyPosition(), value));
    }

    private record ImportAt(Import imp, SourcePosition at) {
    }

    private static AccountConfig account(ConfEntry a, Map<String, List<ImportAt>> importsByAccount,
            Set<String> userNames, LoadContext context) {
        String name = a.key();
        if (name.equals(Account.GLOBAL)) {
            throw new UsersSection.Bad(a.keyPosition(), "\"" + name + "\" is a Reserved Account");
        }
        if (!(a.value() instanceof ConfMap m)) {
            throw new UsersSection.Bad(a.keyPosition(), "Expected map entries for accounts");
        }
        List<User> users = new ArrayList<>();
        List<Export> exports = new ArrayList<>();
        List<ImportAt> imports = new ArrayList<>();
        AccountLimits limits = AccountLimits.NONE;
        Permissions defaults = null;
        List<io.jnatsd.subject.transform.SubjectMapping> mappings = List.of();
        io.jnatsd.account.JetStreamAccountLimits jetstream = null;
        SourcePosition usersAt = a.keyPosition();
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "users" -> {
                    if (!(e.value() instanceof ConfArray arr)) {
                        throw new UsersSection.Bad(e.keyPosition(),
                                "Expected users field to be an array, got " + e.value().goTypeName());
                    }
                    users.addAll(UsersSection.users(arr));
                    usersAt = e.keyPosition();
                }
                case "default_permissions", "default_permission" -> defaults = UsersSection.permissions(e.value());
                case "exports" -> {
                    for (ConfValue v : array(e)) {
                        exports.add(export(v));
                    }
                }
                case "imports" -> {
                    for (ConfValue v : array(e)) {
                        imports.add(new ImportAt(importEntry(v), v.position()));
                    }
                }
                case "limits" -> limits = limits(e.value());
                case "mappings", "maps" -> {
                    try {
                        mappings = MappingsSection.mappings(e.value(), context);
                    } catch (WrongValue w) {
                        throw new UsersSection.Bad(e.keyPosition(), w.getMessage());
                    }
                }
                case "jetstream" -> jetstream = AccountJetStream.read(e);
                // Kept for a later feature: the account's own nkey.
                case "nkey" -> { }
                default -> {
                    if (!e.referenced()) {
                        throw new UsersSection.Bad(e.keyPosition(), "unknown field \"" + e.key() + "\"");
                    }
                }
            }
        }
        List<User> inAccount = new ArrayList<>();
        for (User u : users) {
            String id = u.name() != null ? u.name() : u.nkey();
            if (!userNames.add(id)) {
                throw new UsersSection.Bad(usersAt, "Duplicate user \"" + id + "\" detected");
            }
            User withDefaults = u.permissions() == null && defaults != null ? u.withPermissions(defaults) : u;
            inAccount.add(withDefaults.inAccount(name));
        }
        importsByAccount.put(name, imports);
        return new AccountConfig(name, inAccount, exports, imports.stream().map(ImportAt::imp).toList(), limits,
                mappings, jetstream);
    }

    private static List<ConfValue> array(ConfEntry e) {
        if (!(e.value() instanceof ConfArray arr)) {
            throw new UsersSection.Bad(e.keyPosition(), "Expected an array for " + e.key() + ", got "
                    + e.value().goTypeName());
        }
        return arr.elements();
    }

    private static Export export(ConfValue v) {
        if (!(v instanceof ConfMap m)) {
            throw new UsersSection.Bad(v.position(), "Export Items should be a map with type entry, got "
                    + v.goTypeName());
        }
        String stream = null;
        String service = null;
        List<String> accounts = List.of();
        ResponseType type = null;
        SourcePosition typeAt = null;
        Duration threshold = null;
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "stream" -> stream = subject(e);
                case "service" -> service = subject(e);
                case "accounts" -> accounts = names(e);
                case "response", "response_type" -> {
                    String t = string(e);
                    type = ResponseType.parse(t);
                    typeAt = e.keyPosition();
                    if (type == null) {
                        throw new UsersSection.Bad(e.keyPosition(), "Unknown response type: \"" + t + "\"");
                    }
                }
                case "threshold", "response_threshold", "response_max_time", "response_time" -> {
                    typeAt = e.keyPosition();
                    String t = string(e);
                    try {
                        threshold = GoDuration.parse(t);
                    } catch (GoDuration.BadDuration bad) {
                        throw new UsersSection.Bad(e.keyPosition(),
                                "Expected response threshold to be a parseable time duration, got \"" + t + "\"");
                    }
                }
                // Accepted as nats-server 2.9 does; latency tracking and account token auth are not built.
                case "latency", "account_token_position", "advertise", "allow_trace", "description", "info_url",
                        "name" -> { }
                default -> {
                    if (!e.referenced()) {
                        throw new UsersSection.Bad(e.keyPosition(), "unknown field \"" + e.key() + "\"");
                    }
                }
            }
        }
        if (stream != null && service != null) {
            throw new UsersSection.Bad(m.position(), "Detected stream \"" + stream + "\" but already saw a service");
        }
        if (stream == null && service == null) {
            throw new UsersSection.Bad(m.position(), "Expected a stream or service in export");
        }
        if (stream != null && typeAt != null) {
            throw new UsersSection.Bad(typeAt, "Detected response directive on non-service");
        }
        if (stream != null) {
            return new Export(false, stream, accounts, ResponseType.SINGLETON, Duration.ZERO);
        }
        return new Export(true, service, accounts, type == null ? ResponseType.SINGLETON : type,
                threshold == null ? Export.DEFAULT_RESPONSE_THRESHOLD : threshold);
    }

    private static Import importEntry(ConfValue v) {
        if (!(v instanceof ConfMap m)) {
            throw new UsersSection.Bad(v.position(), "Import Items should be a map with type entry, got "
                    + v.goTypeName());
        }
        boolean service = false;
        String account = null;
        String subject = null;
        String prefix = null;
        String to = null;
        boolean seen = false;
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "stream", "service" -> {
                    seen = true;
                    service = e.key().equalsIgnoreCase("service");
                    if (!(e.value() instanceof ConfMap src)) {
                        throw new UsersSection.Bad(e.keyPosition(), "Expect an account name and a subject");
                    }
                    for (ConfEntry s : src.entries()) {
                        switch (s.key().toLowerCase(Locale.ROOT)) {
                            case "account" -> account = string(s);
                            case "subject" -> subject = string(s);
                            default -> throw new UsersSection.Bad(s.keyPosition(),
                                    "unknown field \"" + s.key() + "\"");
                        }
                    }
                    if (account == null || subject == null) {
                        throw new UsersSection.Bad(e.keyPosition(), "Expect an account name and a subject");
                    }
                }
                case "prefix" -> prefix = string(e);
                case "to" -> to = string(e);
                case "share", "allow_trace" -> { }
                default -> {
                    if (!e.referenced()) {
                        throw new UsersSection.Bad(e.keyPosition(), "unknown field \"" + e.key() + "\"");
                    }
                }
            }
        }
        if (!seen) {
            throw new UsersSection.Bad(m.position(), "Expected a stream or service in import");
        }
        if (!service && prefix != null && to != null) {
            throw new UsersSection.Bad(m.position(), "Stream import can not have a 'prefix' and a 'to' property");
        }
        String local;
        if (service) {
            local = to != null ? to : subject; // nats-server ignores a prefix on a service import
        } else if (prefix != null) {
            local = prefix + "." + subject;
        } else {
            local = to != null ? to : subject;
        }
        return new Import(service, account, subject, local);
    }

    /** Every import's exporter exists and allows it; reported at the accounts key, as nats-server does. */
    private static void checkImports(List<AccountConfig> accounts, Map<String, List<ImportAt>> imports,
            SourcePosition at, LoadContext context) {
        Map<String, AccountConfig> byName = new HashMap<>();
        for (AccountConfig a : accounts) {
            byName.put(a.name(), a);
        }
        for (AccountConfig importer : accounts) {
            Set<String> seen = new HashSet<>();
            for (ImportAt ia : imports.getOrDefault(importer.name(), List.of())) {
                Import imp = ia.imp();
                String kind = imp.service() ? "service" : "stream";
                if (!seen.add(kind + " " + imp.account() + " " + imp.subject())) {
                    context.error(at, "Error adding " + kind + " import \"" + imp.subject() + "\": " + kind
                            + " import already exists");
                    continue;
                }
                AccountConfig exporter = byName.get(imp.account());
                if (exporter == null) {
                    context.error(at, "\"" + imp.account() + "\" account not defined for " + kind + " import");
                    continue;
                }
                boolean allowed = exporter.exports().stream()
                        .anyMatch(x -> x.service() == imp.service() && x.allows(importer.name(), imp.subject()));
                if (!allowed) {
                    String shown = imp.service() ? imp.localSubject() : imp.subject();
                    context.error(at, "Error adding " + kind + " import \"" + shown + "\": " + kind
                            + " import not authorized");
                }
            }
        }
    }

    private static AccountLimits limits(ConfValue v) {
        if (!(v instanceof ConfMap m)) {
            throw new UsersSection.Bad(v.position(), "Expected account limits to be a map/struct, got "
                    + v.goTypeName());
        }
        int conns = -1;
        int subs = -1;
        int payload = -1;
        int leafs = -1;
        for (ConfEntry e : m.entries()) {
            int n = (int) Math.min(Integer.MAX_VALUE, integerOrSize(e));
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "max_connections", "max_conn" -> conns = n;
                case "max_subscriptions", "max_subs" -> subs = n;
                case "max_payload", "max_pay" -> payload = n;
                case "max_leafnodes", "max_leafs" -> leafs = n;
                default -> throw new UsersSection.Bad(e.keyPosition(),
                        "Unknown field \"" + e.key() + "\" parsing account limits");
            }
        }
        return new AccountLimits(conns, subs, payload, leafs);
    }

    private static long integerOrSize(ConfEntry e) {
        try {
            return Values.integer(e.value());
        } catch (WrongValue w) {
            throw new UsersSection.Bad(e.keyPosition(), w.getMessage());
        }
    }

    private static List<String> names(ConfEntry e) {
        List<String> out = new ArrayList<>();
        for (ConfValue v : array(e)) {
            if (!(v instanceof ConfString s)) {
                throw new UsersSection.Bad(v.position(), "Expected an account name, got " + v.goTypeName());
            }
            out.add(s.value());
        }
        return out;
    }

    /** nats-server 2.9.10 does not check export subjects at load time; neither do we. */
    private static String subject(ConfEntry e) {
        return string(e);
    }

    private static String string(ConfEntry e) {
        try {
            return Values.string(e.value());
        } catch (WrongValue w) {
            throw new UsersSection.Bad(e.keyPosition(), w.getMessage());
        }
    }
}
