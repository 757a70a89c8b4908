package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which raw paths need their parameters checked: any that could decode to more than plain printable text. */
class ApiQueryTextTest {

    @Test
    void aPlainPathNeedsNoCheck() {
        assertThat(ApiQueryText.plain("/api/v1/servers")).isTrue();
        assertThat(ApiQueryText.plain("/api/v1/servers/0b6f0c0e-6d7c-4a55-9e41-3f1a2b7c9d10/actions/reboot"))
                .isTrue();
    }

    @Test
    void escapesControlsNonAsciiAndLongPathsAreChecked() {
        assertThat(ApiQueryText.plain("/api/v1/servers/%00")).isFalse();
        assertThat(ApiQueryText.plain("/api/v1/servers/%E2%80%AE")).isFalse();
        assertThat(ApiQueryText.plain("/api/v1/servers/\u202e")).isFalse();
        assertThat(ApiQueryText.plain("/api/v1/servers/a\u0001")).isFalse();
        assertThat(ApiQueryText.plain("/api/v1/servers/a b")).isFalse();
        assertThat(ApiQueryText.plain("/api/v1/servers/" + "a".repeat(ApiQueryText.MAX))).isFalse();
    }
}
