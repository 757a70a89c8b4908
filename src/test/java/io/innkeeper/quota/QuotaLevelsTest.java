package io.innkeeper.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.UsageSteps;

class QuotaLevelsTest {

    static final QuotaLimits FIVE_SERVERS = new QuotaLimits(5, 100, 100_000, 1_000, 0, 10, null, null, null);

    @Test
    void stepsAreEightyAndOneHundredPerCent() {
        assertThat(UsageSteps.step(3, 5)).isZero();
        assertThat(UsageSteps.step(79, 100)).isZero();
        assertThat(UsageSteps.step(4, 5)).isEqualTo(80);
        assertThat(UsageSteps.step(9, 10)).isEqualTo(80);
        assertThat(UsageSteps.step(5, 5)).isEqualTo(100);
        assertThat(UsageSteps.step(6, 5)).isEqualTo(100);
        assertThat(UsageSteps.step(0, 0)).isZero();
    }

    @Test
    void aDimensionWithoutRoomIsLeftOutAndPercentIsRoundedDown() {
        Usage used = new Usage(4, 3, 2048, 40, 0, 0, 4, 3, 2048);
        List<QuotaLevels.Level> levels = QuotaLevels.of(FIVE_SERVERS, used);
        assertThat(levels).extracting(QuotaLevels.Level::dimension)
                .containsExactly("servers", "vcpus", "memory", "disk", "snapshots");
        assertThat(levels.get(0)).isEqualTo(new QuotaLevels.Level("servers", 80, 80, 4, 5));
        assertThat(levels.get(2).percent()).isEqualTo(2);
    }

    @Test
    void aStepAlreadyToldIsNotToldAgainButAHigherOneIs() {
        List<QuotaLevels.Level> ninety = List.of(new QuotaLevels.Level("servers", 80, 90, 9, 10));
        assertThat(QuotaLevels.crossed(ninety, Map.of())).hasSize(1);
        assertThat(QuotaLevels.crossed(ninety, Map.of("servers", 80))).isEmpty();
        List<QuotaLevels.Level> full = List.of(new QuotaLevels.Level("servers", 100, 100, 10, 10));
        assertThat(QuotaLevels.crossed(full, Map.of("servers", 80))).hasSize(1);
        assertThat(QuotaLevels.crossed(full, Map.of("servers", 100))).isEmpty();
    }
}
