package io.innkeeper.provisioning.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Metering against libvirt's test driver, which reports cpu time (and nothing else) for running guests. */
@QuarkusTest
class MeterCollectorTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    MeterCollector collector;

    @Inject
    MeterStore store;

    @Test
    void storesRawCountersAndThenExactDeltasForRunningGuests() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID id = servers.order(fixtures.customer("meter-tester"), catalog, Fixtures.hostname("meter"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == GuestStatus.RUNNING);

        assertThat(collector.collect(catalog.node())).isPositive();

        MeterSample first = store.forGuest(id).getFirst();
        assertThat(first.nodeId()).isEqualTo(catalog.node());
        assertThat(first.series()).isEqualTo(MeterDelta.FIRST_SERIES);
        assertThat(first.raw().cpuTimeNs()).isPresent();
        assertThat(first.delta()).as("first sample counts since boot").isEqualTo(first.raw());

        collector.collect(catalog.node());

        List<MeterSample> samples = store.forGuest(id);
        assertThat(samples).hasSize(2);
        MeterSample second = samples.get(1);
        assertThat(second.takenAt()).isAfter(first.takenAt());
        assertThat(second.series()).isEqualTo(first.series());
        long cpuBefore = first.raw().cpuTimeNs().getAsLong();
        long cpuNow = second.raw().cpuTimeNs().getAsLong();
        assertThat(second.delta().cpuTimeNs()).hasValue(cpuNow - cpuBefore);
        assertThat(second.delta().cpuTimeNs().getAsLong()).isNotNegative();
    }
}
