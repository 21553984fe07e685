package io.jnatsd.config.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for one configuration text: the structure (entries, maps, arrays, separators,
 * comments, includes); scalars are left to {@link StringLexer} and {@link NumberLexer}. The accepted syntax and
 * the error wording follow nats-server 2.9.10's lexer, which was probed with {@code nats-server -t}.
 */
final class ConfParser {
    /** Where a value stands decides which separators may follow it and what may precede it. */
    private enum Context { TOP, MAP, ARRAY }

    private final SourceCursor in;
    private final ParseSession session;
    private final Path baseDir;
    private final Deque<MapBuilder> scopes = new ArrayDeque<>(); // open maps, innermost first

    ConfParser(SourceCursor in, ParseSession session, Path baseDir) {
        this.in = in;
        this.session = session;
        this.baseDir = baseDir;
    }

    ConfMap parseDocument() {
        MapBuilder root = new MapBuilder(in.position());
        scopes.push(root);
        while (true) {
            char c = in.peek();
            // nats-server skips a '{' where a top-level key could start, so a JSON-style file in braces works.
            if (Chars.isSpace(c) || c == '{') {
                in.next();
            } else if (startsComment()) {
                skipComment();
            } else if (c == SourceCursor.EOF) {
                break;
            } else {
                parseEntry(root, Context.TOP);
                endTopLevelValue();
            }
        }
        scopes.pop();
        return root.build();
    }

    private void endTopLevelValue() {
        while (true) {
            char c = in.peek();
            if (Chars.isBlank(c)) {
                in.next();
            } else if (startsComment()) {
                skipComment();
                return;
            } else if (c == SourceCursor.EOF) {
                return;
            } else if (Chars.isNewline(c) || c == ';' || c == ',' || c == '}') {
                in.next();
                return;
            } else {
                throw in.error("Expected a top-level value to end with a new line, comment or EOF, but got '"
                        + Chars.shown(c) + "' instead.");
            }
        }
    }

    private void parseEntry(MapBuilder target, Context context) {
        SourcePosition keyPosition = in.position();
        char c = in.peek();
        if (Chars.isKeySeparator(c)) {
            throw in.error("Unexpected key separator '" + c + "'" + (context == Context.TOP ? "" : "."));
        }
        if (context == Context.MAP && c == ']') {
            throw in.error("Unexpected array end ']' processing map.");
        }
        String key;
        if (c == '"' || c == '\'') {
            in.next();
            key = StringLexer.singleQuoted(in, c); // quoted keys have no escapes
        } else {
            key = bareKey(context);
            if (key.toLowerCase(Locale.ROOT).equals("include") && Chars.isSpace(in.peek())) {
                include(target);
                return;
            }
        }
        while (Chars.isSpace(in.peek())) {
            in.next(); // line ends too: "authorization\n{...}" is one entry
        }
        if (in.peek() == SourceCursor.EOF) {
            // nats-server silently drops such a key; a dangling key is far more likely a mistake.
            throw in.error("Expected a value for key '" + key + "' but found end of file");
        }
        if (Chars.isKeySeparator(in.peek())) {
            in.next();
            skipBeforeValue(context);
        }
        target.put(new ConfEntry(key, keyPosition, parseValue(context), false));
    }

    private String bareKey(Context context) {
        StringBuilder key = new StringBuilder();
        while (true) {
            char c = in.peek();
            if (Chars.isSpace(c) || Chars.isKeySeparator(c)) {
                return key.toString();
            }
            if (c == SourceCursor.EOF) {
                if (context == Context.MAP) {
                    throw in.error("Unexpected EOF processing map key.");
                }
                return key.toString();
            }
            key.append(in.next());
        }
    }

    /** After '=' or ':': at the top level the value must be on the same line, inside a map it need not. */
    private void skipBeforeValue(Context context) {
        while (true) {
            char c = in.peek();
            if (Chars.isBlank(c) || (context == Context.MAP && Chars.isSpace(c))) {
                in.next();
            } else {
                break;
            }
        }
        if (context == Context.MAP && in.peek() == ',') {
            throw in.error("Unexpected map value terminator \",\".");
        }
    }

    private ConfValue parseValue(Context context) {
        while (Chars.isBlank(in.peek())) {
            in.next();
        }
        SourcePosition start = in.position();
        char c = in.peek();
        if (Chars.isNewline(c)) {
            throw in.error("Expected value but found new line");
        }
        if (c == '.') {
            throw in.error("Floats must start with a digit");
        }
        if (Chars.isDigit(c)) {
            return NumberLexer.read(in, start, false, this::resolveVariable);
        }
        if (c != '[' && c != '{' && c != '"' && c != '\'' && c != '-' && c != '(') {
            return StringLexer.unquoted(in, start, "", this::resolveVariable);
        }
        in.next();
        switch (c) {
            case '[': return parseArray(start);
            case '{': return parseMap(start);
            case '"': return StringLexer.doubleQuoted(in, start);
            case '\'': return new ConfString(StringLexer.singleQuoted(in, '\''), start);
            case '(': return StringLexer.block(in, start);
            default: return negativeNumber(start);
        }
    }

    private ConfValue negativeNumber(SourcePosition start) {
        char c = in.peek();
        if (c == '.') {
            throw in.error("Floats must start with a digit, not '.'.");
        }
        if (!Chars.isDigit(c)) {
            throw in.error("Expected a digit but got '" + Chars.shown(c) + "'.");
        }
        return NumberLexer.read(in, start, true, this::resolveVariable);
    }

    private ConfArray parseArray(SourcePosition start) {
        List<ConfValue> elements = new ArrayList<>();
        while (true) {
            char c = in.peek();
            if (Chars.isSpace(c)) {
                in.next();
                continue;
            }
            if (startsComment()) {
                skipComment();
                continue;
            }
            if (c == ',') {
                throw in.error("Unexpected array value terminator ','.");
            }
            if (c == ']') {
                in.next();
                return new ConfArray(elements, start);
            }
            elements.add(parseValue(Context.ARRAY));
            if (endArrayValue()) {
                return new ConfArray(elements, start);
            }
        }
    }

    /** After an element: true at ']' (consumed), false when another element may follow. */
    private boolean endArrayValue() {
        while (true) {
            char c = in.peek();
            if (Chars.isBlank(c)) {
                in.next();
            } else if (startsComment()) {
                skipComment();
            } else if (c == ',' || Chars.isNewline(c)) {
                in.next();
                return false;
            } else if (c == ']') {
                in.next();
                return true;
            } else {
                throw in.error("Expected an array value terminator \",\" or an array terminator \"]\", but got '"
                        + Chars.shown(c) + "' instead.");
            }
        }
    }

    private ConfMap parseMap(SourcePosition start) {
        MapBuilder map = new MapBuilder(start);
        scopes.push(map);
        while (true) {
            char c = in.peek();
            if (Chars.isSpace(c)) {
                in.next();
                continue;
            }
            if (startsComment()) {
                skipComment();
                continue;
            }
            if (c == '}') {
                in.next();
                break;
            }
            if (c == SourceCursor.EOF) {
                throw in.error("Unexpected EOF processing map key.");
            }
            parseEntry(map, Context.MAP);
            if (endMapValue()) {
                break;
            }
        }
        scopes.pop();
        return map.build();
    }

    /** After an entry: true at '}' (consumed), false when another entry may follow. */
    private boolean endMapValue() {
        while (true) {
            char c = in.peek();
            if (Chars.isBlank(c)) {
                in.next();
            } else if (startsComment()) {
                skipComment();
            } else if (c == ';' || c == ',' || Chars.isNewline(c)) {
                in.next();
                return false;
            } else if (c == '}') {
                in.next();
                return true;
            } else {
                throw in.error("Expected a map value terminator \",\" or a map terminator \"}\", but got '"
                        + Chars.shown(c) + "' instead.");
            }
        }
    }

    private boolean startsComment() {
        return in.peek() == '#' || (in.peek() == '/' && in.peek(1) == '/');
    }

    private void skipComment() {
        while (!Chars.isNewline(in.peek()) && in.peek() != SourceCursor.EOF) {
            in.next();
        }
    }

    /** {@code include path}: the included file's entries join {@code target} at this point. */
    private void include(MapBuilder target) {
        while (Chars.isBlank(in.peek())) {
            in.next();
        }
        SourcePosition at = in.position();
        String path = IncludePath.read(in);
        Path resolved = baseDir == null ? Path.of(path) : baseDir.resolve(path);
        String shownAs = shownName(path);
        ConfMap included;
        try {
            included = session.parseFile(resolved, shownAs);
        } catch (IOException e) {
            throw in.error(at, "error parsing include file '" + path + "', " + e.getMessage());
        }
        for (ConfEntry entry : included.entries()) {
            target.put(entry);
        }
    }

    /**
     * How an included file is named in positions: relative paths as seen from the including file's name
     * ("conf/main.conf" including "auth.conf" shows "conf/auth.conf"), as nats-server joins them.
     */
    private String shownName(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return path;
        }
        Path parent = Path.of(in.name()).getParent();
        return parent == null ? p.normalize().toString() : parent.resolve(p).normalize().toString();
    }

    private ConfValue resolveVariable(String name, SourcePosition usedAt) {
        // bcrypt hashes ("$2a$11$...") are written unquoted as passwords; they are not references.
        if (name.startsWith("2a$")) {
            return new ConfString("$" + name, usedAt);
        }
        for (MapBuilder scope : scopes) {
            ConfValue value = scope.useAsVariable(name);
            if (value != null) {
                return value.at(usedAt);
            }
        }
        return EnvironmentVariables.resolve(session, name, usedAt);
    }
}
