package io.innkeeper.provisioning.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.GuestSpec.Limits;
import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;
import io.innkeeper.provisioning.driver.ResizeResult.Resource;

/**
 * What every {@link HypervisorDriver} promises. A subclass supplies the driver and a way to plant a domain the
 * panel did not make. Nodes may be shared with other tests and hold guests of their own, so every test works
 * with fresh UUIDs and looks only at its own guests.
 */
public abstract class HypervisorDriverContract {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final List<UUID> made = new ArrayList<>();

    protected abstract HypervisorDriver driver();

    /** Defines a domain without the panel's metadata, named {@code name}; returns its UUID. */
    protected abstract UUID plantForeignGuest(String name);

    protected abstract void removeForeignGuest(UUID id);

    /** A guest of the kind this driver's node runs; override to adapt (for example Xen PV). */
    protected GuestSpec adapt(GuestSpec spec) {
        return spec;
    }

    protected final GuestSpec newSpec() {
        GuestSpec spec = adapt(new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "contract.example.com", 1, 512,
                10, "debian-12"));
        made.add(spec.id());
        return spec;
    }

    @AfterEach
    void removeWhatTheTestMade() {
        made.forEach(driver()::remove);
    }

    @Test
    void creatingTwiceMakesOneRunningGuest() {
        GuestSpec spec = newSpec();
        assertThat(driver().ensureRunning(spec)).isEqualTo(PowerState.RUNNING);
        assertThat(driver().ensureRunning(spec)).isEqualTo(PowerState.RUNNING);
        assertThat(ours(spec.id())).singleElement().isEqualTo(new HostedGuest(spec.id(), spec.ownerRef(),
                PowerState.RUNNING));
    }

    @Test
    void definingLeavesTheGuestOffAndTwiceMakesOne() {
        GuestSpec spec = newSpec();
        assertThat(driver().ensureDefined(spec)).isEqualTo(PowerState.SHUT_OFF);
        assertThat(driver().ensureDefined(spec)).isEqualTo(PowerState.SHUT_OFF);
        assertThat(ours(spec.id())).singleElement().isEqualTo(new HostedGuest(spec.id(), spec.ownerRef(),
                PowerState.SHUT_OFF));
        assertThat(driver().start(spec.id())).isEqualTo(PowerState.RUNNING);
        assertThat(driver().ensureDefined(spec)).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void followsPowerStatesThroughStartShutdownRebootAndPowerOff() {
        UUID id = running().id();
        assertThat(driver().shutdown(id, SHUTDOWN_TIMEOUT)).isIn(ShutdownOutcome.CLEAN, ShutdownOutcome.FORCED);
        assertThat(driver().powerState(id)).isEqualTo(PowerState.SHUT_OFF);
        assertThat(driver().shutdown(id, SHUTDOWN_TIMEOUT)).isEqualTo(ShutdownOutcome.ALREADY_OFF);
        assertThat(driver().start(id)).isEqualTo(PowerState.RUNNING);
        assertThat(driver().start(id)).isEqualTo(PowerState.RUNNING);
        driver().reboot(id);
        assertThat(driver().powerState(id)).isEqualTo(PowerState.RUNNING);
        driver().powerOff(id);
        assertThat(driver().powerState(id)).isEqualTo(PowerState.SHUT_OFF);
        driver().powerOff(id);
        assertThat(driver().powerState(id)).isEqualTo(PowerState.SHUT_OFF);
    }

    @Test
    void rebootingStoppedGuestIsConflict() {
        UUID id = running().id();
        driver().powerOff(id);
        assertThatThrownBy(() -> driver().reboot(id)).isInstanceOf(DriverException.Conflict.class);
    }

    @Test
    void snapshotsRoundTrip() {
        UUID id = running().id();
        Snapshot taken = driver().createSnapshot(id, "before-upgrade", "ahead of the kernel upgrade");
        assertThat(taken.name()).isEqualTo("before-upgrade");
        assertThat(taken.description()).isEqualTo("ahead of the kernel upgrade");
        assertThat(taken.state()).isEqualTo(PowerState.RUNNING);
        assertThat(driver().createSnapshot(id, "before-upgrade", "again")).isEqualTo(taken);
        assertThat(driver().snapshots(id)).containsExactly(taken);

        driver().powerOff(id);
        driver().revertToSnapshot(id, "before-upgrade");
        assertThat(driver().powerState(id)).isEqualTo(PowerState.RUNNING);

        driver().deleteSnapshot(id, "before-upgrade");
        driver().deleteSnapshot(id, "before-upgrade");
        assertThat(driver().snapshots(id)).isEmpty();
        assertThatThrownBy(() -> driver().revertToSnapshot(id, "before-upgrade"))
                .isInstanceOf(DriverException.NotFoundOnHost.class);
    }

    @Test
    void removingIsIdempotent() {
        GuestSpec spec = running();
        driver().createSnapshot(spec.id(), "s1", "kept until removal");
        driver().remove(spec.id());
        driver().remove(spec.id());
        assertThat(ours(spec.id())).isEmpty();
        assertThatThrownBy(() -> driver().powerState(spec.id())).isInstanceOf(DriverException.NotFoundOnHost.class);
    }

    @Test
    void unknownGuestIsNotFoundOnHost() {
        UUID missing = UUID.randomUUID();
        GuestSpec missingSpec = new GuestSpec(missing, UUID.randomUUID(), "gone.example.com", 1, 512, 10, "x");
        List<ThrowingCallable> calls = List.of(() -> driver().powerState(missing), () -> driver().start(missing),
                () -> driver().reboot(missing), () -> driver().shutdown(missing, SHUTDOWN_TIMEOUT),
                () -> driver().powerOff(missing), () -> driver().setResources(adapt(missingSpec)),
                () -> driver().createSnapshot(missing, "s", "d"), () -> driver().snapshots(missing),
                () -> driver().revertToSnapshot(missing, "s"), () -> driver().deleteSnapshot(missing, "s"),
                () -> driver().consoleTail(missing, 1024), () -> driver().readDisk(missing),
                () -> driver().openConsole(missing, NO_SINK));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(DriverException.NotFoundOnHost.class);
        }
        driver().remove(missing);
    }

    @Test
    void listGuestsSeparatesOursFromUnknown() {
        GuestSpec spec = running();
        String name = "hand-made-" + UUID.randomUUID();
        UUID foreign = plantForeignGuest(name);
        try {
            NodeInventory inventory = driver().listGuests();
            assertThat(inventory.ours()).extracting(HostedGuest::id).contains(spec.id()).doesNotContain(foreign);
            assertThat(inventory.unknown()).extracting(ForeignDomain::uuid).contains(foreign)
                    .doesNotContain(spec.id());
            assertThat(inventory.unknown()).filteredOn(d -> d.uuid().equals(foreign)).singleElement()
                    .extracting(ForeignDomain::name).isEqualTo(name);
        } finally {
            removeForeignGuest(foreign);
        }
    }

    @Test
    void resizingStoppedGuestWaitsForNothing() {
        GuestSpec spec = running();
        driver().powerOff(spec.id());
        ResizeResult result = driver().setResources(spec.withSize(2, 1024));
        assertThat(result.needsReboot()).isFalse();
        assertThat(driver().start(spec.id())).isEqualTo(PowerState.RUNNING);
        assertThat(driver().setResources(spec.withSize(2, 1024))).isEqualTo(new ResizeResult(Set.of(), Set.of()));
    }

    @Test
    void resizingRunningGuestShrinksLiveAndGrowsAtNextBoot() {
        GuestSpec spec = adapt(newSpecOfSize(2, 2048));
        driver().ensureRunning(spec);
        ResizeResult shrink = driver().setResources(spec.withSize(1, 1024));
        assertThat(shrink.live()).containsExactlyInAnyOrder(Resource.VCPUS, Resource.MEMORY);
        assertThat(shrink.needsReboot()).isFalse();

        GuestSpec grown = spec.withSize(4, 4096).withLimits(new Limits(null, null, null, null, null, 1_000L, null));
        ResizeResult grow = driver().setResources(grown);
        assertThat(grow.atNextBoot()).contains(Resource.VCPUS, Resource.MEMORY, Resource.BANDWIDTH);
        assertThat(grow.needsReboot()).isTrue();

        driver().powerOff(grown.id());
        driver().start(grown.id());
        assertThat(driver().setResources(grown).needsReboot()).isFalse();
    }

    @Test
    void bulkStatsCoverOurRunningGuestsOnly() {
        GuestSpec up = running();
        GuestSpec down = running();
        driver().powerOff(down.id());
        List<GuestStats> stats = driver().bulkStats();
        assertThat(stats).extracting(GuestStats::id).contains(up.id()).doesNotContain(down.id());
        stats.forEach(s -> {
            s.cpuTimeNs().ifPresent(ns -> assertThat(ns).isPositive());
            s.netRxBytes().ifPresent(b -> assertThat(b).isNotNegative());
            s.blockReadBytes().ifPresent(b -> assertThat(b).isNotNegative());
        });
    }

    /**
     * A node either keeps console logs or says at once that it cannot; one that does returns at most what was
     * asked for, and the size of the whole log.
     */
    @Test
    void consoleTailIsBoundedOrUnsupported() {
        UUID id = running().id();
        ConsoleOutput tail;
        try {
            tail = driver().consoleTail(id, 16);
        } catch (DriverException.Unsupported e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(tail.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16);
        assertThat(tail.totalBytes()).isGreaterThanOrEqualTo(tail.text().length());
        assertThat(tail.truncated()).isEqualTo(tail.totalBytes() > 16);
        ConsoleOutput whole = driver().consoleTail(id, 1 << 20);
        assertThat(whole.text()).endsWith(tail.text());
        assertThatThrownBy(() -> driver().consoleTail(id, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Redefining (what rescue mode does) leaves the guest defined and off, once or twice, and a start boots it
     * again; a guest the node does not have is not found. A boot the node's guests cannot have (a kernel of its own
     * for a container) is refused by type and leaves the guest as it was.
     */
    @Test
    void redefineLeavesTheGuestOffAndStartable() {
        GuestSpec spec = running();
        GuestSpec rescue = spec.withBoot(new GuestSpec.Boot.Kernel("/rescue/vmlinuz", "/rescue/initrd",
                "console=ttyS0", true));
        try {
            driver().redefine(rescue);
            assertThat(driver().powerState(spec.id())).isEqualTo(PowerState.SHUT_OFF);
            driver().redefine(rescue);
            assertThat(driver().start(spec.id())).isEqualTo(PowerState.RUNNING);
        } catch (DriverException.Unsupported e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(driver().powerState(spec.id())).isEqualTo(PowerState.RUNNING);
        }
        driver().redefine(spec);
        assertThat(driver().powerState(spec.id())).isEqualTo(PowerState.SHUT_OFF);
        driver().redefine(spec);
        assertThat(driver().start(spec.id())).isEqualTo(PowerState.RUNNING);
        assertThat(ours(spec.id())).hasSize(1);
        assertThatThrownBy(() -> driver().redefine(newSpec())).isInstanceOf(DriverException.NotFoundOnHost.class);
    }

    /** A node that cannot join a console says so by type, at once, and sends nothing to the sink. */
    @Test
    void openConsoleJoinsTheGuestOrIsUnsupported() {
        UUID id = running().id();
        java.util.List<String> ended = new java.util.ArrayList<>();
        ConsoleSink sink = new ConsoleSink() {
            @Override
            public void output(byte[] bytes) {
            }

            @Override
            public void ended(String reason) {
                ended.add(reason);
            }
        };
        try (ConsoleStream console = driver().openConsole(id, sink)) {
            console.send(new byte[] { '\r' });
        } catch (DriverException.Unsupported e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        assertThat(ended).isEmpty();
    }

    private static final ConsoleSink NO_SINK = new ConsoleSink() {
        @Override
        public void output(byte[] bytes) {
        }

        @Override
        public void ended(String reason) {
        }
    };

    /**
     * A disk read off the node is whole: written as another guest's disk and read back, the bytes are the same, and
     * defining that guest keeps them. A node that keeps no data in disks (libvirt's test driver) reads none.
     */
    @Test
    void diskReadOffTheNodeArrivesWholeAsAnotherGuestsDisk() {
        GuestSpec spec = newSpec();
        driver().ensureDefined(spec);
        java.util.Optional<DiskReader> disk = driver().readDisk(spec.id());
        if (disk.isEmpty()) {
            return;
        }
        byte[] bytes = readAll(disk.get());
        assertThat(bytes).isNotEmpty();
        GuestSpec copy = newSpec();
        driver().writeDisk(copy, reader(bytes));
        driver().ensureDefined(copy);
        assertThat(readAll(driver().readDisk(copy.id()).orElseThrow())).isEqualTo(bytes);
        driver().writeDisk(copy, reader(bytes));
        assertThat(readAll(driver().readDisk(copy.id()).orElseThrow())).as("written again after a crash")
                .isEqualTo(bytes);
    }

    private static byte[] readAll(DiskReader disk) {
        try (disk) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = disk.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static DiskReader reader(byte[] bytes) {
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
        return new DiskReader() {
            @Override
            public int read(byte[] buffer) {
                return in.read(buffer, 0, buffer.length);
            }

            @Override
            public void close() {
            }
        };
    }

    private GuestSpec running() {
        GuestSpec spec = newSpec();
        driver().ensureRunning(spec);
        return spec;
    }

    private GuestSpec newSpecOfSize(int vcpus, int memoryMib) {
        GuestSpec spec = new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "contract.example.com", vcpus,
                memoryMib, 10, "debian-12");
        made.add(spec.id());
        return spec;
    }

    private List<HostedGuest> ours(UUID id) {
        return driver().listGuests().ours().stream().filter(g -> g.id().equals(id)).toList();
    }
}
