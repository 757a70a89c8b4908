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

    @Test
    void consoleTailIsTheLogsLastBytes() {
        GuestSpec spec = newSpec();
        driver.ensureDefined(spec);
        assertThat(driver.consoleTail(spec.id(), 1024)).isEqualTo(ConsoleOutput.EMPTY);
        driver.start(spec.id());
        driver.print(spec.id(), "x".repeat(2000) + "login: ");
        ConsoleOutput tail = driver.consoleTail(spec.id(), 1024);
        assertThat(tail.text()).hasSize(1024).endsWith("xxlogin: ");
        assertThat(tail.truncated()).isTrue();
        assertThat(tail.totalBytes()).isGreaterThan(2007);
        assertThat(driver.consoleTail(spec.id(), 1 << 20).text()).startsWith("Booting contract.example.com");
    }

    /** A tail cut inside a character drops its remaining bytes rather than showing garbage. */
    @Test
    void tailStartingInsideACharacterDropsItsRest() {
        byte[] log = "aé😀b".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ConsoleOutput tail = ConsoleOutput.ofTail(java.util.Arrays.copyOfRange(log, 4, log.length), log.length);
        assertThat(tail.text()).isEqualTo("b");
        assertThat(ConsoleOutput.ofTail(java.util.Arrays.copyOfRange(log, 2, log.length), log.length).text())
                .isEqualTo("😀b");
    }
}
