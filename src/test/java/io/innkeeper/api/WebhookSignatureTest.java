package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.WebhookSignature;

class WebhookSignatureTest {

    /** A body and two secrets whose MACs were computed outside the panel, with OpenSSL. */
    private static final String BODY = "{\"id\":\"0e1f2a3b-5555-4666-8777-88889999aaaa\",\"type\":\"ping\"}";
    private static final String OLD = "ikw_old_secret_for_vector_test";
    private static final String NEW = "ikw_new_secret_for_vector_test";
    // printf '%s' "1700000000.$BODY" | openssl dgst -sha256 -hmac "$OLD"   (and "$NEW")
    private static final String OLD_MAC = "04cea736d5f09c5f3fca4003f60c57a1b3488430d5cbcba14e4c2c4ba036e111";
    private static final String NEW_MAC = "e8acab8a07d144de44167abcc0d70e43512abd35909207a10f4de218c355d439";

    @Test
    void signsTimestampAndBodyWithTheSecret() {
        String header = WebhookSignature.header("ikw_secret", 1_700_000_000L, "{\"a\":1}");
        assertThat(header).startsWith("t=1700000000,v1=").hasSize("t=1700000000,v1=".length() + 64);
        assertThat(WebhookSignature.verify("ikw_secret", header, "{\"a\":1}")).isTrue();
        assertThat(WebhookSignature.verify("ikw_other", header, "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("ikw_secret", header, "{\"a\":2}")).isFalse();
        assertThat(WebhookSignature.verify("ikw_secret", header.replace("t=1700000000", "t=1700000001"),
                "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("ikw_secret", null, "{}")).isFalse();
    }

    @Test
    void matchesAnHmacComputedByOpenSsl() {
        assertThat(WebhookSignature.header(NEW, 1_700_000_000L, BODY)).isEqualTo("t=1700000000,v1=" + NEW_MAC);
        assertThat(WebhookSignature.verify(OLD, "t=1700000000,v1=" + OLD_MAC, BODY)).isTrue();
    }

    @Test
    void signsWithBothSecretsNewFirstDuringTheGracePeriod() {
        String header = WebhookSignature.header(List.of(NEW, OLD), 1_700_000_000L, BODY);
        assertThat(header).isEqualTo("t=1700000000,v1=" + NEW_MAC + ",v1=" + OLD_MAC);
        assertThat(WebhookSignature.verify(NEW, header, BODY)).isTrue();
        assertThat(WebhookSignature.verify(OLD, header, BODY)).isTrue();
        assertThat(WebhookSignature.verify("ikw_third", header, BODY)).isFalse();
    }

    @Test
    void previousSecretSignsUntilItsGraceEndsOnly() {
        // 12:00 rotated with a grace of one hour: the old secret signs up to 12:59:59, not from 13:00 on.
        Instant rotated = Instant.parse("2026-03-01T12:00:00Z");
        Instant until = rotated.plusSeconds(3600);
        assertThat(WebhookSignature.secrets(NEW, OLD, until, rotated)).containsExactly(NEW, OLD);
        assertThat(WebhookSignature.secrets(NEW, OLD, until, until.minusSeconds(1))).containsExactly(NEW, OLD);
        assertThat(WebhookSignature.secrets(NEW, OLD, until, until)).containsExactly(NEW);
        assertThat(WebhookSignature.secrets(NEW, OLD, until, until.plusSeconds(86_400))).containsExactly(NEW);
        assertThat(WebhookSignature.secrets(NEW, null, null, rotated)).containsExactly(NEW);
    }
}
