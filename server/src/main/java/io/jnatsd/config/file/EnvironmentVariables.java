package io.jnatsd.config.file;

/**
 * {@code $NAME} that no enclosing map defines: the environment variable NAME, whose text is parsed as a config
 * value (so {@code MP=2KB} gives the integer 2048 and {@code TAGS=[a,b]} an array).
 */
final class EnvironmentVariables {
    private static final String KEY = "pk"; // the value is parsed as "pk=<text>", like nats-server does

    private EnvironmentVariables() {
    }

    static ConfValue resolve(ParseSession session, String name, SourcePosition usedAt) {
        String reference = "variable reference for '" + name + "' on line " + usedAt.line();
        String text = session.environmentValue(name);
        if (text == null) {
            throw new ConfSyntaxException(usedAt, reference + " can not be found");
        }
        if (!session.enterEnvironment(name)) {
            throw new ConfSyntaxException(usedAt, reference + " refers back to itself through the environment");
        }
        try {
            SourceCursor cursor = new SourceCursor(KEY + "=" + text, "environment variable " + name);
            ConfMap parsed = new ConfParser(cursor, session, null).parseDocument();
            return parsed.entry(KEY)
                    .orElseThrow(() -> new ConfSyntaxException(usedAt, reference + " can not be found"))
                    .value().at(usedAt);
        } catch (ConfSyntaxException e) {
            throw new ConfSyntaxException(usedAt, reference + " could not be parsed: " + e.reason());
        } finally {
            session.leaveEnvironment(name);
        }
    }
}
