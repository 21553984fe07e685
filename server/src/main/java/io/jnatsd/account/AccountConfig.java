package io.jnatsd.account;

import io.jnatsd.subject.transform.SubjectMapping;

import java.util.List;

/**
 * One account of the {@code accounts {}} block, as configured: its users (each naming this account), exports,
 * imports, limits and subject mappings.
 */
public record AccountConfig(String name, List<io.jnatsd.auth.User> users, List<Export> exports, List<Import> imports,
        AccountLimits limits, List<SubjectMapping> mappings) {
    public AccountConfig {
        users = List.copyOf(users);
        mappings = List.copyOf(mappings);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }
}
