package io.jnatsd.cli;

/** A command line the launcher refuses; the message is the one line printed after "jnatsd: ". */
final class FlagException extends Exception {
    FlagException(String message) {
        super(message, null, false, false);
    }
}
