package io.innkeeper.provisioning.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SampleDaysTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @Test
    void namesADayAndReadsItBack() {
        assertThat(SampleDays.partition(DAY)).isEqualTo("meter_sample_p20260310");
        assertThat(SampleDays.day("meter_sample_p20260310")).contains(DAY);
        assertThat(SampleDays.day("meter_sample_default")).isEmpty();
        assertThat(SampleDays.day("meter_sample_p2026031")).isEmpty();
        assertThat(SampleDays.start(DAY)).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(SampleDays.end(DAY)).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(SampleDays.dayOf(Instant.parse("2026-03-10T23:59:59Z"))).isEqualTo(DAY);
    }

    @Test
    void aDayGoesOnlyWhenRolledUpAndPastItsRetention() {
        // The day ends 2026-03-11 00:00: both the rollup mark and the retention's limit must have reached it.
        Instant end = Instant.parse("2026-03-11T00:00:00Z");
        assertThat(SampleDays.droppable(DAY, Optional.of(end), end)).isTrue();
        assertThat(SampleDays.droppable(DAY, Optional.of(end.minusSeconds(1)), end.plusSeconds(86_400)))
                .as("not rolled up to the day's end").isFalse();
        assertThat(SampleDays.droppable(DAY, Optional.of(end.plusSeconds(86_400)), end.minusSeconds(1)))
                .as("still within its retention").isFalse();
        assertThat(SampleDays.droppable(DAY, Optional.empty(), end.plusSeconds(86_400)))
                .as("nothing rolled up yet").isFalse();
    }
}
