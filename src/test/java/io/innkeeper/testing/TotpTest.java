package io.innkeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests' TOTP against RFC 6238's own SHA-1 test vectors (their last six digits). */
class TotpTest {

    private static final String RFC_SECRET = "12345678901234567890";

    @Test
    void matchesTheRfcTestVectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(2000000000))).isEqualTo("279037");
    }

    @Test
    void neverHandsOutTheSameStepTwice() {
        Totp.enrolled("totp-test", RFC_SECRET);
        String first = Totp.next("totp-test");
        String second = Totp.next("totp-test");
        assertThat(second).isNotEqualTo(first);
    }
}
