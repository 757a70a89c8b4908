package io.innkeeper.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.billing.usage.HourlyRollup.Lifetime;
import io.innkeeper.billing.usage.HourlyRollup.Sample;
import io.innkeeper.billing.usage.HourlyRollup.UsageHour;
import io.innkeeper.provisioning.metering.Counters;
import io.innkeeper.provisioning.metering.MeterDelta;

/**
 * Rollup scenarios with their timelines. Samples go through the provisioning engine's own delta rule first, as
 * they do in production, so the test shows the whole path from raw counters to billed bytes.
 */
class HourlyRollupScenariosTest {

    static final UUID SERVER = UUID.randomUUID();
    static final UUID TENANT = UUID.randomUUID();
    static final Duration GAP = Duration.ofMinutes(5);
    static final Instant NINE = Instant.parse("2026-01-10T09:00:00Z");

    /** Feeds raw tx counters (at, value) through MeterDelta, as MeterStore does, into rollup samples. */
    static List<Sample> samples(Object... atAndTx) {
        List<Sample> out = new ArrayList<>();
        Optional<MeterDelta.Baseline> base = Optional.empty();
        Instant previous = null;
        int series = 0;
        for (int i = 0; i < atAndTx.length; i += 2) {
            Instant at = Instant.parse((String) atAndTx[i]);
            long tx = (Long) atAndTx[i + 1];
            MeterDelta.Metered m = MeterDelta.next(base, new Counters(OptionalLong.of(tx * 10), OptionalLong.of(tx / 2),
                    OptionalLong.of(tx), OptionalLong.empty(), OptionalLong.empty()));
            if (m.series() != series) {
                previous = null;
                series = m.series();
            }
            out.add(new Sample(SERVER, m.series(), at, previous, m.delta().cpuTimeNs().getAsLong(),
                    m.delta().netRxBytes().getAsLong(), m.delta().netTxBytes().getAsLong(), null, null));
            base = Optional.of(m.next());
            previous = at;
        }
        return out;
    }

    static List<UsageHour> rollup(Instant from, Instant to, Lifetime life, List<Sample> samples) {
        return HourlyRollup.rollup(from, to, List.of(life), samples, GAP);
    }

    @Test
    void rebootThatResetsCountersLosesNoBytes() {
        // 09:00  tx counter 1,000 (since boot)             -> delta 1,000
        // 09:04  tx counter 5,000                          -> delta 4,000
        // 09:06  guest rebooted; counter restarts: 300     -> new series, delta 300
        // 09:10  tx 900                                    -> delta 600
        // 10:02  tx 2,900                                  -> delta 2,000 (10:00 hour)
        Lifetime life = new Lifetime(SERVER, TENANT, Instant.parse("2026-01-01T00:00:00Z"), null);
        List<Sample> s = samples("2026-01-10T09:00:00Z", 1_000L, "2026-01-10T09:04:00Z", 5_000L,
                "2026-01-10T09:06:00Z", 300L, "2026-01-10T09:10:00Z", 900L, "2026-01-10T10:02:00Z", 2_900L);
        assertThat(s.get(2).series()).isEqualTo(2);
        List<UsageHour> rows = rollup(NINE, NINE.plus(Duration.ofHours(2)), life, s);
        assertThat(rows).extracting(UsageHour::txBytes).containsExactly(5_900L, 2_000L);
        assertThat(rows).extracting(UsageHour::samples).containsExactly(4, 1);
        // Running: 09:00-09:04 and 09:06-09:10 (the reboot breaks the series); 09:10-10:02 is over the 5 min gap.
        assertThat(rows.get(0).runningSeconds()).isEqualTo(480);
        assertThat(rows).allSatisfy(r -> assertThat(r.existenceSeconds()).isEqualTo(3600));
    }

    @Test
    void hostUnreachableForThreeHoursCountsItsBytesWhenItAnswersAgain() {
        // 09:00 .. 09:59  one sample a minute, 1,000 bytes each
        // 10:00 .. 12:59  host unreachable: no samples
        // 13:00           host answers; the counter moved 7,000,000 bytes meanwhile: all of it lands at 13:00
        List<Object> points = new ArrayList<>();
        long tx = 0;
        for (int m = 0; m < 60; m++) {
            tx += 1_000;
            points.add(NINE.plus(Duration.ofMinutes(m)).toString());
            points.add(tx);
        }
        points.add("2026-01-10T13:00:00Z");
        points.add(tx + 7_000_000);
        Lifetime life = new Lifetime(SERVER, TENANT, Instant.parse("2026-01-01T00:00:00Z"), null);
        List<UsageHour> rows = rollup(NINE, NINE.plus(Duration.ofHours(5)), life, samples(points.toArray()));
        assertThat(rows).extracting(UsageHour::txBytes).containsExactly(60_000L, 0L, 0L, 0L, 7_000_000L);
        assertThat(rows.stream().mapToLong(UsageHour::txBytes).sum()).isEqualTo(tx + 7_000_000);
        // The dark hours still exist (and are billed); they are not counted as running.
        assertThat(rows).extracting(UsageHour::existenceSeconds).containsOnly(3600);
        assertThat(rows).extracting(UsageHour::runningSeconds).containsExactly(59 * 60, 0, 0, 0, 0);
    }

    @Test
    void stoppedServerHasHoursWithoutRunningTime() {
        // 2026-01-10 09:00  created, never started; deleted 11:30: three hours exist, none running
        Lifetime life = new Lifetime(SERVER, TENANT, NINE, Instant.parse("2026-01-10T11:30:00Z"));
        List<UsageHour> rows = rollup(NINE, NINE.plus(Duration.ofHours(4)), life, List.of());
        assertThat(rows).extracting(UsageHour::existenceSeconds).containsExactly(3600, 3600, 1800);
        assertThat(rows).extracting(UsageHour::runningSeconds).containsOnly(0);
    }

    @Test
    void recomputingAnHourGivesTheSameRows() {
        // The same samples rolled up twice, and once more inside a wider window, give the same 09:00 row.
        Lifetime life = new Lifetime(SERVER, TENANT, Instant.parse("2026-01-01T00:00:00Z"), null);
        List<Sample> s = samples("2026-01-10T09:00:00Z", 10L, "2026-01-10T09:01:00Z", 20L, "2026-01-10T10:00:30Z", 40L);
        List<UsageHour> once = rollup(NINE, NINE.plus(Duration.ofHours(1)), life, s);
        assertThat(rollup(NINE, NINE.plus(Duration.ofHours(1)), life, s)).isEqualTo(once);
        assertThat(rollup(NINE.minus(Duration.ofHours(3)), NINE.plus(Duration.ofHours(3)), life, s))
                .filteredOn(r -> r.hour().equals(NINE)).isEqualTo(once);
    }
}
