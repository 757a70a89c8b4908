package io.innkeeper.provisioning.driver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;
import io.innkeeper.provisioning.driver.ResizeResult.Resource;

/**
 * A node in memory that behaves like a libvirt node as far as the panel can tell: the stored definition and the
 * running guest are kept apart, vCPUs and memory can only shrink live (the maximum is what the guest booted
 * with), disk I/O and bandwidth limits wait for a boot, and guests the panel did not make can be planted.
 */
public final class InMemoryHypervisorDriver implements HypervisorDriver {

    private final Clock clock;
    private final Map<UUID, Guest> guests = new LinkedHashMap<>();
    /** Each guest's disk, as a node keeps it: made from its template at the first definition, beside the guest. */
    private final Map<UUID, byte[]> disks = new LinkedHashMap<>();
    private boolean guestsIgnoreShutdown;

    public InMemoryHypervisorDriver(Clock clock) {
        this.clock = clock;
    }

    /** A domain without the panel's metadata, as an admin might have made by hand. */
    public synchronized UUID plantForeignGuest(String name) {
        UUID id = UUID.randomUUID();
        Guest guest = new Guest(null, new GuestSpec(id, new UUID(0, 0), name, 1, 128, 1, "foreign"));
        guests.put(id, guest);
        return id;
    }

    public synchronized void removeForeignGuest(UUID id) {
        guests.remove(id);
    }

    /** What the guest prints on its serial console, appended to its log as a real guest's is. */
    public synchronized void print(UUID guestId, String text) {
        find(guestId).console.append(text);
    }

    /** Makes every guest ignore shutdown requests, like an OS without ACPI support. */
    public synchronized void guestsIgnoreShutdown(boolean ignore) {
        guestsIgnoreShutdown = ignore;
    }

    @Override
    public synchronized PowerState ensureRunning(GuestSpec spec) {
        Guest guest = guests.computeIfAbsent(spec.id(), id -> new Guest(spec.ownerRef(), spec));
        guest.startIfStopped();
        return guest.state;
    }

    @Override
    public synchronized PowerState ensureDefined(GuestSpec spec) {
        disks.computeIfAbsent(spec.id(), id -> ("template " + spec.image() + "\n").getBytes(StandardCharsets.UTF_8));
        return guests.computeIfAbsent(spec.id(), id -> new Guest(spec.ownerRef(), spec)).state;
    }

    @Override
    public synchronized void redefine(GuestSpec spec) {
        Guest guest = find(spec.id());
        guest.stop();
        guest.defined = spec;
    }

    /** What the guest wrote to its disk, as a real guest changes its disk's bytes. */
    public synchronized void writeToDisk(UUID guestId, String text) {
        byte[] was = disks.getOrDefault(guestId, new byte[0]);
        byte[] more = text.getBytes(StandardCharsets.UTF_8);
        byte[] now = Arrays.copyOf(was, was.length + more.length);
        System.arraycopy(more, 0, now, was.length, more.length);
        disks.put(guestId, now);
    }

    /** The guest's disk on this node, or null when it has none here. */
    public synchronized byte[] disk(UUID guestId) {
        byte[] disk = disks.get(guestId);
        return disk == null ? null : disk.clone();
    }

    @Override
    public synchronized java.util.Optional<DiskReader> readDisk(UUID guestId) {
        find(guestId);
        byte[] disk = disks.get(guestId);
        if (disk == null) {
            return java.util.Optional.empty();
        }
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(disk.clone());
        return java.util.Optional.of(new DiskReader() {
            @Override
            public int read(byte[] buffer) {
                return in.read(buffer, 0, buffer.length);
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public void writeDisk(GuestSpec spec, DiskReader disk) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[7];
        for (int n; (n = disk.read(buffer)) >= 0;) {
            out.write(buffer, 0, n);
        }
        synchronized (this) {
            disks.put(spec.id(), out.toByteArray());
        }
    }

    @Override
    public synchronized PowerState powerState(UUID guestId) {
        return find(guestId).state;
    }

    @Override
    public synchronized PowerState start(UUID guestId) {
        Guest guest = find(guestId);
        guest.startIfStopped();
        return guest.state;
    }

    @Override
    public synchronized void reboot(UUID guestId) {
        Guest guest = find(guestId);
        if (guest.state != PowerState.RUNNING) {
            throw new DriverException.Conflict("guest " + guestId + " is not running", null);
        }
    }

    /** A guest that ignores the request is powered off at once: a fake has no reason to wait out the timeout. */
    @Override
    public synchronized ShutdownOutcome shutdown(UUID guestId, Duration timeout) {
        Guest guest = find(guestId);
        if (guest.state == PowerState.SHUT_OFF) {
            return ShutdownOutcome.ALREADY_OFF;
        }
        guest.stop();
        return guestsIgnoreShutdown ? ShutdownOutcome.FORCED : ShutdownOutcome.CLEAN;
    }

    @Override
    public synchronized void powerOff(UUID guestId) {
        find(guestId).stop();
    }

    @Override
    public synchronized void remove(UUID guestId) {
        guests.remove(guestId);
        disks.remove(guestId);
    }

    @Override
    public synchronized ResizeResult setResources(GuestSpec spec) {
        Guest guest = find(spec.id());
        guest.defined = spec;
        if (guest.state != PowerState.RUNNING) {
            return new ResizeResult(Set.of(), Set.of());
        }
        GuestSpec live = guest.live;
        Set<Resource> changed = EnumSet.noneOf(Resource.class);
        Set<Resource> later = EnumSet.noneOf(Resource.class);
        int vcpus = live.vcpus();
        int memory = live.memoryMib();
        if (spec.vcpus() != live.vcpus()) {
            (spec.vcpus() <= guest.bootVcpus ? changed : later).add(Resource.VCPUS);
            vcpus = spec.vcpus() <= guest.bootVcpus ? spec.vcpus() : vcpus;
        }
        if (spec.memoryMib() != live.memoryMib()) {
            (spec.memoryMib() <= guest.bootMemoryMib ? changed : later).add(Resource.MEMORY);
            memory = spec.memoryMib() <= guest.bootMemoryMib ? spec.memoryMib() : memory;
        }
        GuestSpec.Limits limits = live.limits();
        GuestSpec.Limits wanted = spec.limits();
        boolean cpuChanged = !equalCpu(limits, wanted);
        if (cpuChanged) {
            changed.add(Resource.CPU_TUNE);
        }
        if (!equalDisk(limits, wanted)) {
            later.add(Resource.DISK_IO);
        }
        if (!equalNet(limits, wanted)) {
            later.add(Resource.BANDWIDTH);
        }
        GuestSpec.Limits nowLimits = cpuChanged ? new GuestSpec.Limits(wanted.cpuShares(), wanted.cpuPeriodUs(),
                wanted.cpuQuotaUs(), limits.diskIops(), limits.diskBytesPerSec(), limits.netAverageKibps(),
                limits.netPeakKibps()) : limits;
        guest.live = live.withSize(vcpus, memory).withLimits(nowLimits);
        return new ResizeResult(changed, later);
    }

    @Override
    public synchronized Snapshot createSnapshot(UUID guestId, String name, String description) {
        Guest guest = find(guestId);
        return guest.snapshots.computeIfAbsent(name, n -> new Snapshot(n, description, clock.instant(),
                guest.state));
    }

    /**
     * Like libvirt with an IDE drive: the definition takes the spec, and a running guest that booted with a drive
     * gets the new medium now; one that booted without gets the drive at its next start.
     */
    @Override
    public synchronized boolean setCdrom(GuestSpec spec) {
        Guest guest = find(spec.id());
        guest.defined = guest.defined.withCdrom(spec.cdrom());
        if (guest.state != PowerState.RUNNING || guest.live.cdrom() == null || spec.cdrom() == null) {
            return false;
        }
        guest.live = guest.live.withCdrom(new Cdrom(spec.cdrom().isoFile(), guest.live.cdrom().bootFirst()));
        return true;
    }

    /** The CD-ROM drive the running guest has now ({@code null} for none or when it is off). */
    public synchronized Cdrom liveCdrom(UUID guestId) {
        Guest guest = find(guestId);
        return guest.live == null ? null : guest.live.cdrom();
    }

    /** The CD-ROM drive of the stored definition, for the next start. */
    public synchronized Cdrom definedCdrom(UUID guestId) {
        return find(guestId).defined.cdrom();
    }

    @Override
    public synchronized List<Snapshot> snapshots(UUID guestId) {
        return find(guestId).snapshots.values().stream()
                .sorted(Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::name))
                .toList();
    }

    @Override
    public synchronized void revertToSnapshot(UUID guestId, String name) {
        Guest guest = find(guestId);
        Snapshot snapshot = guest.snapshots.get(name);
        if (snapshot == null) {
            throw new DriverException.NotFoundOnHost("guest " + guestId + " has no snapshot " + name, null);
        }
        if (snapshot.state() == PowerState.RUNNING) {
            guest.startIfStopped();
        } else {
            guest.stop();
        }
    }

    @Override
    public synchronized void deleteSnapshot(UUID guestId, String name) {
        find(guestId).snapshots.remove(name);
    }

    @Override
    public synchronized NodeInventory listGuests() {
        List<HostedGuest> ours = new ArrayList<>();
        List<ForeignDomain> unknown = new ArrayList<>();
        guests.forEach((id, guest) -> {
            if (guest.owner == null) {
                unknown.add(new ForeignDomain(guest.defined.hostname(), id, guest.state));
            } else {
                ours.add(new HostedGuest(id, guest.owner, guest.state));
            }
        });
        return new NodeInventory(ours, unknown);
    }

    /** A fake has no counters worth inventing, so every one is absent. */
    @Override
    public synchronized List<GuestStats> bulkStats() {
        return guests.entrySet().stream()
                .filter(e -> e.getValue().owner != null && e.getValue().state == PowerState.RUNNING)
                .map(e -> new GuestStats(e.getKey(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()))
                .toList();
    }

    /** Every boot prints a line, so a started guest has a log as on a real node; a defined one has none yet. */
    @Override
    public synchronized ConsoleOutput consoleTail(UUID guestId, int maxBytes) {
        ConsoleOutput.checkMaxBytes(maxBytes);
        byte[] log = find(guestId).console.toString().getBytes(StandardCharsets.UTF_8);
        int length = Math.min(log.length, maxBytes);
        return ConsoleOutput.ofTail(Arrays.copyOfRange(log, log.length - length, log.length), log.length);
    }

    /** A node in memory has no console to join: it refuses as libvirt's test driver does, by type. */
    @Override
    public synchronized ConsoleStream openConsole(UUID guestId, ConsoleSink sink) {
        find(guestId);
        throw new DriverException.Unsupported("a node in memory has no consoles", null);
    }

    private Guest find(UUID guestId) {
        Guest guest = guests.get(guestId);
        if (guest == null) {
            throw new DriverException.NotFoundOnHost("no guest " + guestId + " on this node", null);
        }
        return guest;
    }

    private static boolean equalCpu(GuestSpec.Limits a, GuestSpec.Limits b) {
        return Objects.equals(a.cpuShares(), b.cpuShares())
                && Objects.equals(a.cpuPeriodUs(), b.cpuPeriodUs())
                && Objects.equals(a.cpuQuotaUs(), b.cpuQuotaUs());
    }

    private static boolean equalDisk(GuestSpec.Limits a, GuestSpec.Limits b) {
        return Objects.equals(a.diskIops(), b.diskIops())
                && Objects.equals(a.diskBytesPerSec(), b.diskBytesPerSec());
    }

    private static boolean equalNet(GuestSpec.Limits a, GuestSpec.Limits b) {
        return Objects.equals(a.netAverageKibps(), b.netAverageKibps())
                && Objects.equals(a.netPeakKibps(), b.netPeakKibps());
    }

    /** One guest: its stored definition, and while it runs, what it booted with and runs with now. */
    private static final class Guest {
        final UUID owner;
        final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        final StringBuilder console = new StringBuilder();
        GuestSpec defined;
        GuestSpec live;
        int bootVcpus;
        int bootMemoryMib;
        PowerState state = PowerState.SHUT_OFF;

        Guest(UUID owner, GuestSpec defined) {
            this.owner = owner;
            this.defined = defined;
        }

        void startIfStopped() {
            if (state != PowerState.RUNNING) {
                state = PowerState.RUNNING;
                console.append("Booting ").append(defined.hostname()).append(" (").append(defined.image())
                        .append(")\n");
                live = defined;
                bootVcpus = defined.vcpus();
                bootMemoryMib = defined.memoryMib();
            }
        }

        void stop() {
            state = PowerState.SHUT_OFF;
            live = null;
        }
    }
}
