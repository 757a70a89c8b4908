package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.innkeeper.account.WebhookSignature;

class WebhookSignatureTest {

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
}
