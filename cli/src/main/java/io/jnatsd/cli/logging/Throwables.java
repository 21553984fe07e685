package io.jnatsd.cli.logging;

/** One-line descriptions of exceptions for log lines, in the spirit of Go's error strings. */
public final class Throwables {
    private Throwables() {
    }

    /** The message, followed by each cause's message it does not already contain ("a: b: c"). */
    public static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(single(t));
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && cause != t && depth < 8; depth++, cause = cause.getCause()) {
            String part = single(cause);
            if (text.indexOf(part) < 0) {
                text.append(": ").append(part);
            }
        }
        return text.toString();
    }

    private static String single(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }
}
