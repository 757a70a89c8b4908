package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesFromTheFirstAndStopsAtTheLongest() {
        Duration first = Duration.ofSeconds(2);
        Duration max = Duration.ofMinutes(1);
        assertThat(Backoff.after(0, first, max)).isEqualTo(first);
        assertThat(Backoff.after(1, first, max)).isEqualTo(first);
        assertThat(Backoff.after(2, first, max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.after(5, first, max)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.after(6, first, max)).isEqualTo(max);
        assertThat(Backoff.after(Integer.MAX_VALUE, first, max)).as("no overflow").isEqualTo(max);
    }
}
