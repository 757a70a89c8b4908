package io.innkeeper.provisioning.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InMemoryHypervisorDriverTest extends HypervisorDriverContract {

    private final InMemoryHypervisorDriver driver = new InMemoryHypervisorDriver(Clock.systemUTC());

    @Override
    protected HypervisorDriver driver() {
        return driver;
    }

    @Override
    protected UUID plantForeignGuest(String name) {
        return driver.plantForeignGuest(name);
    }

    @Override
    protected void removeForeignGuest(UUID id) {
        driver.removeForeignGuest(id);
    }

    @Test
    void forcesOffGuestThatIgnoresShutdown() {
        GuestSpec spec = newSpec();
        driver.ensureRunning(spec);
        driver.guestsIgnoreShutdown(true);
        assertThat(driver.shutdown(spec.id(), Duration.ofMillis(10))).isEqualTo(ShutdownOutcome.FORCED);
        assertThat(driver.powerState(spec.id())).isEqualTo(PowerState.SHUT_OFF);
    }
}
