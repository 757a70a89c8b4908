package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;

/** The libvirt driver against libvirt's own test driver, through the real Java bindings. */
class LibvirtDriverTest {

    private static LibvirtConnections connections;
    private static LibvirtDriver driver;

    @BeforeAll
    static void connect() {
        connections = new LibvirtConnections();
        driver = new LibvirtDriver("test:///default", connections, "kvm", "/images");
    }

    @AfterAll
    static void close() {
        connections.closeAll();
    }

    private static GuestSpec spec() {
        return new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "t.example.com", 1, 512, 10, "debian.qcow2");
    }

    @Test
    void createsAndStartsGuestOnceWhateverTheRepeats() {
        GuestSpec spec = spec();
        assertThat(driver.ensureRunning(spec)).isEqualTo(PowerState.RUNNING);
        assertThat(driver.ensureRunning(spec)).isEqualTo(PowerState.RUNNING);
        long domains = connections.with("test:///default", c -> (long) c.listDefinedDomains().length
                + c.numOfDomains());
        String name = connections.with("test:///default", c -> c.domainLookupByUUID(spec.id()).getName());
        assertThat(name).isEqualTo(spec.domainName());
        driver.remove(spec.id());
        long after = connections.with("test:///default", c -> (long) c.listDefinedDomains().length
                + c.numOfDomains());
        assertThat(after).isEqualTo(domains - 1);
    }

    @Test
    void rebootsRunningGuestAndRefusesStoppedOne() {
        GuestSpec spec = spec();
        driver.ensureRunning(spec);
        driver.reboot(spec.id());
        assertThat(driver.powerState(spec.id())).isEqualTo(PowerState.RUNNING);
        connections.with("test:///default", c -> {
            c.domainLookupByUUID(spec.id()).destroy();
            return null;
        });
        assertThat(driver.powerState(spec.id())).isEqualTo(PowerState.SHUT_OFF);
        assertThatThrownBy(() -> driver.reboot(spec.id())).isInstanceOf(DriverException.Conflict.class);
        driver.remove(spec.id());
    }

    @Test
    void removingMissingGuestIsFineButAskingForItIsNotFound() {
        UUID missing = UUID.randomUUID();
        driver.remove(missing);
        assertThatThrownBy(() -> driver.powerState(missing)).isInstanceOf(DriverException.NotFoundOnHost.class);
    }

    @Test
    void unreachableNodeIsTransient() {
        LibvirtDriver broken = new LibvirtDriver("test:///nonexistent/node.xml", connections, "kvm", "/images");
        assertThatThrownBy(() -> broken.ensureRunning(spec())).isInstanceOf(DriverException.class)
                .isNotInstanceOf(DriverException.NotFoundOnHost.class);
    }
}
