package io.jnatsd.account;

import java.util.List;

/**
 * One account of the {@code accounts {}} block, as configured: its users (each naming this account), exports,
 * imports and limits.
 */
public record AccountConfig(String name, List<io.jnatsd.auth.User> users, List<Export> exports, List<Import> imports,
        AccountLimits limits) {
    public AccountConfig {
        users = List.copyOf(users);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }
}
