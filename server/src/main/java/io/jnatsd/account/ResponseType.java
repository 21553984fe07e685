package io.jnatsd.account;

import java.util.Locale;

/** How many responses a service export sends per request (nats-server's {@code response_type}). */
public enum ResponseType {
    /** One response; the reply mapping is removed after it. */
    SINGLETON,
    /** Any number of responses until the response threshold passes. */
    STREAM,
    /** Like STREAM: a response in several messages. */
    CHUNKED;

    /** The config spelling ({@code singleton}, {@code stream}, {@code chunked}), any case; null if unknown. */
    public static ResponseType parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "singleton", "single" -> SINGLETON;
            case "stream" -> STREAM;
            case "chunked", "chunk" -> CHUNKED;
            default -> null;
        };
    }

    /** How nats-server names it in /accountz. */
    public String jsonName() {
        return switch (this) {
            case SINGLETON -> "Singleton";
            case STREAM -> "Streamed";
            case CHUNKED -> "Chunked";
        };
    }
}
