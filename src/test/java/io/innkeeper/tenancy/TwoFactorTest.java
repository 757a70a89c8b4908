package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

/** What the {@code amr} claim must say for a sign-in to count as two-factor. */
class TwoFactorTest {

    @Test
    void aOneTimeCodeInTheClaimIsTwoFactor() {
        assertThat(TwoFactor.signedInWith(Json.createArrayBuilder().add("pwd").add("otp").build())).isTrue();
        assertThat(TwoFactor.signedInWith(List.of("pwd", "otp"))).isTrue();
    }

    @Test
    void aPasswordAloneOrNoClaimIsNot() {
        assertThat(TwoFactor.signedInWith(Json.createArrayBuilder().add("pwd").build())).isFalse();
        assertThat(TwoFactor.signedInWith(List.of("pwd"))).isFalse();
        assertThat(TwoFactor.signedInWith(null)).isFalse();
        assertThat(TwoFactor.signedInWith("otp-ish")).isFalse();
    }
}
