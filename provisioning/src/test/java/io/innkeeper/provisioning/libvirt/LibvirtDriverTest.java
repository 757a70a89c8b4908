package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Limits;
import io.innkeeper.provisioning.driver.GuestStats;

/**
 * What the libvirt driver does beyond the shared contract, against libvirt's own test driver through the real
 * Java bindings.
 */
class LibvirtDriverTest {

    private static final String NODE = "test:///default";

    private static LibvirtConnections connections;
    private static LibvirtDriver driver;

    @BeforeAll
    static void connect() {
        connections = new LibvirtConnections();
        driver = new LibvirtDriver(NODE, connections, Dialect.KVM.xml());
    }

    @AfterAll
    static void close() {
        connections.closeAll();
    }

    private static GuestSpec spec() {
        return new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "t.example.com", 1, 512, 10, "debian.qcow2");
    }

    @Test
    void namesTheDomainAfterThePanelUuid() {
        GuestSpec spec = spec();
        driver.ensureRunning(spec);
        try {
            String name = connections.with(NODE, c -> c.domainLookupByUUID(spec.id()).getName());
            assertThat(name).isEqualTo(spec.domainName());
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void storesAResizeInTheDefinition() {
        GuestSpec spec = spec();
        driver.ensureRunning(spec);
        try {
            driver.powerOff(spec.id());
            driver.setResources(spec.withSize(2, 2048).withLimits(new Limits(300, 100_000L, 50_000L, 100L, null,
                    null, null)));
            String xml = connections.with(NODE, c -> c.domainLookupByUUID(spec.id()).getXMLDesc(0));
            assertThat(xml).contains("<memory unit='KiB'>2097152</memory>", "<shares>300</shares>",
                    "<quota>50000</quota>", "<total_iops_sec>100</total_iops_sec>")
                    .containsPattern("<vcpu[^>]*>2</vcpu>");
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void reportsTheCountersTheNodeKeeps() {
        GuestSpec spec = spec();
        driver.ensureRunning(spec);
        try {
            GuestStats stats = driver.bulkStats().stream().filter(s -> s.id().equals(spec.id())).findFirst()
                    .orElseThrow();
            assertThat(stats.cpuTimeNs()).isPresent();
            assertThat(stats.blockReadBytes()).isPresent();
            assertThat(stats.netRxBytes()).isPresent();
        } finally {
            driver.remove(spec.id());
        }
    }

    @Test
    void unreachableNodeFailsWithoutClaimingTheGuestIsMissing() {
        LibvirtDriver broken = new LibvirtDriver("test:///nonexistent/node.xml", connections, Dialect.KVM.xml());
        assertThatThrownBy(() -> broken.ensureRunning(spec())).isInstanceOf(DriverException.class)
                .isNotInstanceOf(DriverException.NotFoundOnHost.class);
    }
}
