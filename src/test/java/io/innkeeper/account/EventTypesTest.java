package io.innkeeper.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.FieldErrors;

class EventTypesTest {

    @Test
    void knowsTheTypesTheOutboxRecords() {
        assertThat(EventTypes.ALL).contains("server.created", "server.status_changed", "job.succeeded",
                "job.failed", "invoice.issued", "invoice.paid", "invoice.overdue", "invoice.payment_received",
                "account.termination_warning", "account.quota_threshold", "ping")
                .doesNotContain("job.queued", "server.order");
        assertThat(EventTypes.ALL).containsAll(OutboxFeed.AUDITED.values());
    }

    @Test
    void filterTakesTypesAndGroupsAndNamesTheFirstUnknownEntry() {
        FieldErrors errors = new FieldErrors();
        assertThat(EventTypes.filter(List.of(" server.* ", "invoice.paid", "invoice.paid"), "events", errors))
                .containsExactly("server.*", "invoice.paid");
        assertThat(errors.asMap()).isEmpty();
        assertThat(EventTypes.filter(null, "events", errors)).isNull();
        assertThat(errors.asMap()).isEmpty();

        for (List<String> bad : List.of(List.of("server.exploded"), List.<String>of(), List.of("nope.*"),
                List.of("*"), List.of("server.created", ""))) {
            FieldErrors e = new FieldErrors();
            EventTypes.filter(bad, "events", e);
            assertThat(e.asMap()).as(bad.toString()).containsKey("events");
        }
    }

    @Test
    void endpointTakesWhatItsFilterNamesAndPingsAlways() {
        List<String> filter = List.of("server.*", "invoice.paid");
        assertThat(EventTypes.wanted(filter, "server.created")).isTrue();
        assertThat(EventTypes.wanted(filter, "server.status_changed")).isTrue();
        assertThat(EventTypes.wanted(filter, "invoice.paid")).isTrue();
        assertThat(EventTypes.wanted(filter, "invoice.issued")).isFalse();
        assertThat(EventTypes.wanted(filter, "job.succeeded")).isFalse();
        assertThat(EventTypes.wanted(filter, "ping")).isTrue();
        assertThat(EventTypes.wanted(null, "job.succeeded")).isTrue();
    }
}
