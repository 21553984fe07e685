package io.jnatsd.subject.transform;

/** The checks nats-server makes on a destination before compiling it, in its order and with its errors. */
final class DestinationCheck {
    private static final String INVALID_SUBJECT = "invalid subject";

    private DestinationCheck() {
    }

    /**
     * nats-server's ValidateMappingDestination: no empty token and nothing after a '>' (reported with the token),
     * mustache tokens must call a known function, other tokens must not contain whitespace.
     */
    static void check(String destination) {
        boolean afterTail = false;
        for (String t : destination.split("\\.", -1)) {
            if (t.isEmpty() || afterTail) {
                throw InvalidMappingException.destination(INVALID_SUBJECT, t);
            }
            if (MappingFunction.isMustache(t)) {
                if (MappingFunction.find(t) == null) {
                    throw InvalidMappingException.destination(Placeholder.UNKNOWN_FUNCTION, t);
                }
                continue;
            }
            if (t.equals(">")) {
                afterTail = true;
            } else if (containsWhitespace(t)) {
                throw new InvalidMappingException(InvalidMappingException.INVALID_DESTINATION + ": "
                        + INVALID_SUBJECT);
            }
        }
    }

    /** The destination as a subject: valid (spaces inside function calls allowed) and without '*' tokens. */
    static boolean isUsableSubject(String destination) {
        String[] tokens = destination.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty() || t.equals("*") || (t.equals(">") && i != tokens.length - 1)) {
                return false;
            }
        }
        return true;
    }

    static boolean endsWithTail(String subject) {
        return subject.equals(">") || subject.endsWith(".>");
    }

    private static boolean containsWhitespace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if ("\t\n\f\r ".indexOf(t.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
