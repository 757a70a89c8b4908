package io.innkeeper.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.DriverException;

class BoundedCallTest {

    @Test
    void returnsWhatTheCallReturns() {
        assertThat(BoundedCall.within(Duration.ofSeconds(5), () -> "tail")).isEqualTo("tail");
    }

    @Test
    void driverErrorsPassThrough() {
        assertThatThrownBy(() -> BoundedCall.within(Duration.ofSeconds(5), () -> {
            throw new DriverException.Unsupported("no log here", null);
        })).isInstanceOf(DriverException.Unsupported.class).hasMessage("no log here");
    }

    /** A node that hangs costs the caller the limit, and the hanging call is interrupted. */
    @Test
    void nodeThatDoesNotAnswerIsTransientAfterTheLimit() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> BoundedCall.within(Duration.ofMillis(100), () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "too late";
        })).isInstanceOf(DriverException.Transient.class).hasMessageContaining("did not answer within 100 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
