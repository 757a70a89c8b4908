package io.innkeeper.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When each dunning step falls due; the termination warning comes a week before termination, never before suspension. */
class DunningSettingsTest {

    @Test
    void warnsAWeekBeforeTermination() {
        DunningSettings settings = new DunningSettings(3, 14, 45, 0);
        assertThat(settings.after(DunningStep.TERMINATION_WARNING)).isEqualTo(Duration.ofDays(38));
        Instant due = Instant.parse("2026-02-14T00:00:00Z");
        assertThat(settings.at(DunningStep.SUSPENSION, due)).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(settings.at(DunningStep.TERMINATION, due)).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
    }

    @Test
    void neverWarnsBeforeTheSuspension() {
        DunningSettings settings = new DunningSettings(1, 5, 9, 1);
        assertThat(settings.after(DunningStep.TERMINATION_WARNING)).isEqualTo(Duration.ofDays(5));
    }
}
