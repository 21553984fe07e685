package io.jnatsd.account;

import io.jnatsd.subject.transform.SubjectMapping;

import java.util.List;

/**
 * One account of the {@code accounts {}} block, as configured: its users (each naming this account), exports,
 * imports, limits, subject mappings and JetStream limits ({@code jetstream}; null = JetStream not enabled for it).
 */
public record AccountConfig(String name, List<io.jnatsd.auth.User> users, List<Export> exports, List<Import> imports,
        AccountLimits limits, List<SubjectMapping> mappings, JetStreamAccountLimits jetstream) {
    public AccountConfig(String name, List<io.jnatsd.auth.User> users, List<Export> exports, List<Import> imports,
            AccountLimits limits, List<SubjectMapping> mappings) {
        this(name, users, exports, imports, limits, mappings, null);
    }

    public AccountConfig {
        users = List.copyOf(users);
        mappings = List.copyOf(mappings);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }
}
