package io.jnatsd.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectMatchTest {
    @Test
    void wildcardsMatchLikeTheRouter() {
        assertThat(SubjectMatch.matches("foo", "foo")).isTrue();
        assertThat(SubjectMatch.matches("foo", "foo.bar")).isFalse();
        assertThat(SubjectMatch.matches("foo.*", "foo.bar")).isTrue();
        assertThat(SubjectMatch.matches("foo.*", "foo")).isFalse();
        assertThat(SubjectMatch.matches("foo.*", "foo.bar.baz")).isFalse();
        assertThat(SubjectMatch.matches("*.bar", "foo.bar")).isTrue();
        assertThat(SubjectMatch.matches("foo.>", "foo.bar.baz")).isTrue();
        assertThat(SubjectMatch.matches("foo.>", "foo")).isFalse();
        assertThat(SubjectMatch.matches(">", "anything.at.all")).isTrue();
        assertThat(SubjectMatch.matches("foo.bar", "foo.baz")).isFalse();
    }
}
