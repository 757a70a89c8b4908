package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Which billing events become notifications: one mail per payment, one per change of suspension. */
class TopicTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachPaymentIsANoticeAndASettledInvoiceIsNot() {
        assertThat(Topic.of("invoice.payment_received", json("{}"))).contains(Topic.PAYMENT_RECEIVED);
        assertThat(Topic.of("invoice.paid", json("{}"))).isEmpty();
        assertThat(Topic.of("account.termination_warning", json("{}"))).contains(Topic.TERMINATION_WARNING);
    }

    @Test
    void aSuspensionIsANoticeOnlyWhenItChangesSomething() {
        assertThat(suspended("ACTIVE", null, "NON_PAYMENT")).contains(Topic.SUSPENDED);
        assertThat(suspended("SUSPENDED", "NON_PAYMENT", "NON_PAYMENT")).isEmpty();
        assertThat(suspended("SUSPENDED", "NON_PAYMENT", "ADMIN")).contains(Topic.SUSPENDED);
        assertThat(Topic.of("account.suspended", json("{\"after\":{\"status\":\"SUSPENDED\"}}")))
                .contains(Topic.SUSPENDED);
    }

    static Optional<Topic> suspended(String before, String beforeKind, String afterKind) {
        return Topic.of("account.suspended", json("{\"before\":{\"status\":\"" + before + "\",\"suspensionKind\":"
                + (beforeKind == null ? "null" : "\"" + beforeKind + "\"") + "},\"after\":{\"status\":\"SUSPENDED\","
                + "\"suspensionKind\":\"" + afterKind + "\"}}"));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
