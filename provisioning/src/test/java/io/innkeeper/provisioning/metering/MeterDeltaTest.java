package io.innkeeper.provisioning.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.metering.MeterDelta.Baseline;
import io.innkeeper.provisioning.metering.MeterDelta.Metered;

class MeterDeltaTest {

    private static Counters c(Long cpu, Long rx, Long tx, Long rd, Long wr) {
        return Counters.ofNullable(cpu, rx, tx, rd, wr);
    }

    private static Optional<Baseline> base(int series, Counters last) {
        return Optional.of(new Baseline(series, last));
    }

    @Test
    void firstSampleCountsEverythingSinceBoot() {
        Metered m = MeterDelta.next(Optional.empty(), c(500L, 10L, 20L, 30L, 40L));

        assertThat(m.series()).isEqualTo(MeterDelta.FIRST_SERIES);
        assertThat(m.delta()).isEqualTo(c(500L, 10L, 20L, 30L, 40L));
        assertThat(m.next()).isEqualTo(new Baseline(1, c(500L, 10L, 20L, 30L, 40L)));
    }

    @Test
    void normalGrowthGivesTheDifference() {
        Metered m = MeterDelta.next(base(3, c(500L, 10L, 20L, 30L, 40L)), c(800L, 10L, 25L, 130L, 41L));

        assertThat(m.series()).isEqualTo(3);
        assertThat(m.raw()).isEqualTo(c(800L, 10L, 25L, 130L, 41L));
        assertThat(m.delta()).isEqualTo(c(300L, 0L, 5L, 100L, 1L));
        assertThat(m.next()).isEqualTo(new Baseline(3, c(800L, 10L, 25L, 130L, 41L)));
    }

    @Test
    void anyCounterGoingBackStartsANewSeriesCountedFromZero() {
        // cpu kept growing (the guest rebooted and got busy), but tx fell: the guest restarted.
        Metered m = MeterDelta.next(base(2, c(500L, 10L, 9_000L, 30L, 40L)), c(900L, 4L, 7L, null, 2L));

        assertThat(m.series()).isEqualTo(3);
        assertThat(m.delta()).isEqualTo(c(900L, 4L, 7L, null, 2L));
        assertThat(m.next()).isEqualTo(new Baseline(3, c(900L, 4L, 7L, null, 2L)));
    }

    @Test
    void missingCounterHasNoDeltaAndKeepsItsBaseline() {
        // t0: rx 100; t1: node did not report rx; t2: rx 250 -> t2's delta is 150, nothing lost.
        Metered t1 = MeterDelta.next(base(1, c(1_000L, 100L, null, null, null)), c(1_500L, null, null, null, null));
        assertThat(t1.delta()).isEqualTo(c(500L, null, null, null, null));
        assertThat(t1.next()).isEqualTo(new Baseline(1, c(1_500L, 100L, null, null, null)));

        Metered t2 = MeterDelta.next(Optional.of(t1.next()), c(1_600L, 250L, null, null, null));
        assertThat(t2.series()).isEqualTo(1);
        assertThat(t2.delta()).isEqualTo(c(100L, 150L, null, null, null));
    }

    @Test
    void counterFirstReportedMidSeriesCountsSinceBoot() {
        Metered m = MeterDelta.next(base(1, c(1_000L, null, null, null, null)), c(1_200L, 64L, null, null, null));

        assertThat(m.series()).isEqualTo(1);
        assertThat(m.delta()).isEqualTo(c(200L, 64L, null, null, null));
    }

    @Test
    void gapWhileUnreachableIsCarriedByTheNextSample() {
        // t0 sampled; t1..t59 lost (node unreachable); t60 gives the whole hour once.
        long hourOfCpu = 3_600_000_000_000L;
        Metered m = MeterDelta.next(base(1, c(1L, 5L, 6L, 7L, 8L)),
                c(1L + hourOfCpu, 5L + 1_000_000_000_000L, 6L, 7L, 8L + Long.MAX_VALUE / 2));

        assertThat(m.series()).isEqualTo(1);
        assertThat(m.delta()).isEqualTo(c(hourOfCpu, 1_000_000_000_000L, 0L, 0L, Long.MAX_VALUE / 2));
    }

    @Test
    void negativeReadingCountsAsNotReportedAndNeverAsUse() {
        Metered m = MeterDelta.next(base(1, c(1_000L, 10L, null, null, null)), c(-1L, 20L, null, null, null));

        assertThat(m.series()).isEqualTo(1);
        assertThat(m.raw().cpuTimeNs()).isEqualTo(OptionalLong.empty());
        assertThat(m.delta()).isEqualTo(c(null, 10L, null, null, null));
        assertThat(m.next().last()).isEqualTo(c(1_000L, 20L, null, null, null));
    }

    @Test
    void unchangedCountersGiveZeroNotANewSeries() {
        Metered m = MeterDelta.next(base(4, c(7L, 7L, 7L, 7L, 7L)), c(7L, 7L, 7L, 7L, 7L));

        assertThat(m.series()).isEqualTo(4);
        assertThat(m.delta()).isEqualTo(c(0L, 0L, 0L, 0L, 0L));
    }
}
