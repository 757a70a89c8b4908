package io.innkeeper.billing.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.stripe.model.Event;

/**
 * The {@code Stripe-Signature} check against a fixed vector computed outside Java:
 * <pre>
 * printf '%s' '1767225600.{"id":"evt_fixed_1","object":"event","type":"ping"}' \
 *   | openssl dgst -sha256 -hmac 'whsec_innkeeper_fixed_vector'
 * </pre>
 */
class StripeSignatureTest {

    private static final String SECRET = "whsec_innkeeper_fixed_vector";
    private static final String BODY = "{\"id\":\"evt_fixed_1\",\"object\":\"event\",\"type\":\"ping\"}";
    private static final long T = 1767225600L;
    private static final String V1 = "ef27cc92e45ab048a47ca4971455a63a97373147ba3966a0c92527b872040d3a";
    private static final String HEADER = "t=" + T + ",v1=" + V1;

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void acceptsTheFixedVector() {
        Event event = StripeEvents.verify(BODY, HEADER, SECRET, 300, at(T + 10));
        assertThat(event.getId()).isEqualTo("evt_fixed_1");
        assertThat(event.getType()).isEqualTo("ping");
    }

    @Test
    void theStandInSignsAsOpensslDoes() {
        assertThat(StripeStandIn.sign(SECRET, T + "." + BODY)).isEqualTo(V1);
    }

    @Test
    void acceptsTheVectorAmongOtherSignaturesAndSchemes() {
        String header = "t=" + T + ",v0=" + "0".repeat(64) + ",v1=" + "1".repeat(64) + ",v1=" + V1;
        assertThat(StripeEvents.verify(BODY, header, SECRET, 300, at(T)).getId()).isEqualTo("evt_fixed_1");
    }

    @Test
    void refusesAChangedBody() {
        assertThatThrownBy(() -> StripeEvents.verify(BODY.replace("ping", "pong"), HEADER, SECRET, 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
    }

    @Test
    void refusesAnotherSecret() {
        assertThatThrownBy(() -> StripeEvents.verify(BODY, HEADER, SECRET + "x", 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
    }

    @Test
    void refusesASignatureOlderThanTheTolerance() {
        assertThat(StripeEvents.verify(BODY, HEADER, SECRET, 300, at(T + 300)).getId()).isEqualTo("evt_fixed_1");
        assertThatThrownBy(() -> StripeEvents.verify(BODY, HEADER, SECRET, 300, at(T + 301)))
                .isInstanceOf(StripeEvents.BadSignature.class).hasMessageContaining("tolerance");
    }

    @Test
    void refusesAMissingOrMalformedHeaderAndANoSecretSetup() {
        assertThatThrownBy(() -> StripeEvents.verify(BODY, null, SECRET, 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
        assertThatThrownBy(() -> StripeEvents.verify(BODY, "v1=" + V1, SECRET, 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
        assertThatThrownBy(() -> StripeEvents.verify(BODY, "t=" + T + ",v0=" + V1, SECRET, 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
        assertThatThrownBy(() -> StripeEvents.verify(BODY, HEADER, "", 300, at(T)))
                .isInstanceOf(StripeEvents.BadSignature.class);
    }
}
