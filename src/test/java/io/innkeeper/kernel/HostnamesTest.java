package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "web", "web-1", "a.example.com", "1.2.3", "x1-y2.z3" })
    void acceptsValidHostnames(String hostname) {
        assertThat(Hostnames.problem(hostname)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-web", "web-", "we_b", "web..example", ".web", "web.", "wéb", "web example" })
    void rejectsInvalidHostnames(String hostname) {
        assertThat(Hostnames.problem(hostname)).isPresent();
    }

    @Test
    void rejectsOverlongLabelAndName() {
        assertThat(Hostnames.problem("a".repeat(64))).contains("Each part between dots has at most 63 characters.");
        assertThat(Hostnames.problem("a".repeat(63))).isEmpty();
        String name = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62));
        assertThat(name).hasSize(254);
        assertThat(Hostnames.problem(name)).contains("A hostname has at most 253 characters.");
    }

    @Test
    void normalisesCaseAndSpace() {
        assertThat(Hostnames.normalise("  Web-1.Example.COM ")).isEqualTo("web-1.example.com");
        assertThat(Hostnames.normalise(null)).isEmpty();
    }
}
