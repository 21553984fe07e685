package io.jnatsd.auth.jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .creds} file: a user JWT and the user's nkey seed, each between {@code -----BEGIN ...-----} and
 * {@code ------END ...------} lines (the dash counts vary between tools, so any run of dashes is accepted).
 */
public record CredsFile(String jwt, String seed) {
    public static CredsFile read(Path file) throws IOException, JwtException {
        return parse(Files.readString(file));
    }

    public static CredsFile parse(String text) throws JwtException {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.startsWith("---") && line.contains("BEGIN")) {
                current = new StringBuilder();
            } else if (line.startsWith("---") && line.contains("END")) {
                if (current != null) {
                    blocks.add(current.toString());
                }
                current = null;
            } else if (current != null) {
                current.append(line);
            }
        }
        if (blocks.size() < 2 || blocks.get(0).isEmpty() || blocks.get(1).isEmpty()) {
            throw new JwtException("creds file must hold a JWT block and a seed block");
        }
        return new CredsFile(blocks.get(0), blocks.get(1));
    }
}
