package io.jnatsd.account;

/**
 * One entry of an account's {@code imports}. For a stream, {@code subject} is the exporter's subject and
 * {@code localSubject} where it appears in the importing account ({@code prefix} or {@code to} applied). For a service,
 * {@code localSubject} is what the importing account publishes to and {@code subject} the exporter's subject.
 */
public record Import(boolean service, String account, String subject, String localSubject) {
}
