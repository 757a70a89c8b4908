package io.innkeeper.provisioning.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ResizeResult;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.driver.Snapshot;

/**
 * A driver for one libvirt node; guests are found by the panel's UUID, never by name. The node's guest type
 * only changes the domain XML, so one class serves KVM, Xen, LXC and OpenVZ.
 */
final class LibvirtDriver implements HypervisorDriver {

    /** First and longest pause between state checks while a guest shuts down. */
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String uri;
    private final LibvirtConnections connections;
    private final DomainXml dialect;

    LibvirtDriver(String uri, LibvirtConnections connections, DomainXml dialect) {
        this.uri = uri;
        this.connections = connections;
        this.dialect = dialect;
    }

    @Override
    public PowerState ensureRunning(GuestSpec spec) {
        return connections.with(uri, connect -> {
            Domain domain = lookup(connect, spec.id());
            if (domain == null) {
                dialect.prepare(uri, spec);
                ensureDisk(connect, spec);
                domain = connect.domainDefineXML(dialect.write(spec));
            }
            try {
                return startIfStopped(domain);
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public PowerState ensureDefined(GuestSpec spec) {
        return connections.with(uri, connect -> {
            Domain domain = lookup(connect, spec.id());
            if (domain == null) {
                dialect.prepare(uri, spec);
                ensureDisk(connect, spec);
                domain = connect.domainDefineXML(dialect.write(spec));
            }
            try {
                return DomainPower.of(domain);
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public void redefine(GuestSpec spec) {
        connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(spec.id());
            try {
                // Written first: a spec the dialect refuses (a kernel for a container) leaves the guest running.
                String xml = dialect.write(spec);
                destroyIfRunning(domain);
                dialect.prepare(uri, spec);
                ensureDisk(connect, spec);
                connect.domainDefineXML(xml).free();
                return null;
            } finally {
                domain.free();
            }
        });
    }

    @Override
    public PowerState powerState(UUID guestId) {
        return onDomain(guestId, DomainPower::of);
    }

    @Override
    public PowerState start(UUID guestId) {
        return onDomain(guestId, LibvirtDriver::startIfStopped);
    }

    @Override
    public void reboot(UUID guestId) {
        onDomain(guestId, domain -> {
            if (domain.isActive() == 0) {
                throw new DriverException.Conflict("guest " + guestId + " is not running", null);
            }
            domain.reboot(0);
            return null;
        });
    }

    @Override
    public void powerOff(UUID guestId) {
        onDomain(guestId, LibvirtDriver::destroyIfRunning);
    }

    /**
     * Polls between separate connection calls, so other work on the node goes on while a guest shuts down; the
     * pause grows from 20 ms to 500 ms and never passes the deadline.
     */
    @Override
    public ShutdownOutcome shutdown(UUID guestId, Duration timeout) {
        boolean asked = onDomain(guestId, domain -> {
            if (domain.isActive() == 0) {
                return false;
            }
            if (!dialect.shutsDownBySignal() || !LibvirtExtras.shutdownBySignal(domain)) {
                domain.shutdown();
            }
            return true;
        });
        if (!asked) {
            return ShutdownOutcome.ALREADY_OFF;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_NANOS;
        while (true) {
            if (onDomain(guestId, domain -> domain.isActive() == 0)) {
                return ShutdownOutcome.CLEAN;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
        powerOff(guestId);
        return ShutdownOutcome.FORCED;
    }

    @Override
    public void remove(UUID guestId) {
        connections.with(uri, connect -> {
            Domain domain = lookup(connect, guestId);
            if (domain != null) {
                try {
                    destroyIfRunning(domain);
                    undefine(domain);
                } finally {
                    domain.free();
                }
            }
            deleteDisk(connect, guestId);
            return null;
        });
    }

    @Override
    public ResizeResult setResources(GuestSpec spec) {
        return connections.with(uri, connect -> {
            ResizeResult result = LibvirtResize.apply(connect, dialect, spec);
            growDisk(connect, spec);
            return result;
        });
    }

    @Override
    public boolean setCdrom(GuestSpec spec) {
        return connections.with(uri, connect -> LibvirtCdrom.apply(connect, dialect, spec));
    }

    @Override
    public Snapshot createSnapshot(UUID guestId, String name, String description) {
        return onDomain(guestId, domain -> LibvirtSnapshots.create(domain, name, description));
    }

    @Override
    public List<Snapshot> snapshots(UUID guestId) {
        return onDomain(guestId, LibvirtSnapshots::list);
    }

    @Override
    public void revertToSnapshot(UUID guestId, String name) {
        onDomain(guestId, domain -> {
            LibvirtSnapshots.revert(domain, name);
            return null;
        });
    }

    @Override
    public void deleteSnapshot(UUID guestId, String name) {
        onDomain(guestId, domain -> {
            LibvirtSnapshots.delete(domain, name);
            return null;
        });
    }

    @Override
    public NodeInventory listGuests() {
        return connections.with(uri, LibvirtInventory::list);
    }

    @Override
    public List<GuestStats> bulkStats() {
        return connections.with(uri, LibvirtInventory::stats);
    }

    /**
     * libvirt's test driver has storage pools but cannot download a volume, and its guests print nothing: it says
     * so at once rather than after a pool of its own has been made.
     */
    @Override
    public ConsoleOutput consoleTail(UUID guestId, int maxBytes) {
        ConsoleOutput.checkMaxBytes(maxBytes);
        return connections.with(uri, connect -> {
            connect.domainLookupByUUID(guestId).free();
            String dir = dialect.consoleLogDir().orElseThrow(() -> new DriverException.Unsupported(
                    uri + ": containers keep no console log on the node", null));
            if ("TEST".equalsIgnoreCase(connect.getType())) {
                throw new DriverException.Unsupported(uri + ": libvirt's test driver keeps no console logs", null);
            }
            return LibvirtConsoleLog.tail(connect, dir, guestId, maxBytes);
        });
    }

    @Override
    public ConsoleStream openConsole(UUID guestId, ConsoleSink sink) {
        return connections.with(uri, connect -> LibvirtConsole.open(uri, connect, guestId, sink));
    }

    @Override
    public io.innkeeper.provisioning.driver.VncDisplay vncDisplay(UUID guestId) {
        return connections.with(uri, connect -> LibvirtGraphics.display(uri, connect, guestId));
    }

    @Override
    public byte[] screenshot(UUID guestId) {
        return connections.with(uri, connect -> LibvirtGraphics.screenshot(uri, connect, guestId));
    }

    @Override
    public java.util.Optional<DiskReader> readDisk(UUID guestId) {
        return connections.with(uri, connect -> {
            connect.domainLookupByUUID(guestId).free();
            if (dialect.diskLayout().isEmpty() || "TEST".equalsIgnoreCase(connect.getType())) {
                return java.util.Optional.<DiskReader>empty();
            }
            org.libvirt.Stream stream;
            try {
                stream = LibvirtVolumes.openForDownload(connect, dialect.diskLayout().get(), guestId);
            } catch (LibvirtException e) {
                if (e.getError() != null
                        && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_NO_SUPPORT) {
                    throw new DriverException.Unsupported(uri + " cannot send the disk of " + guestId, e);
                }
                throw e;
            }
            return java.util.Optional.ofNullable(stream).map(s -> (DiskReader) new LibvirtStreams.Reader(connections, uri, s));
        });
    }

    @Override
    public void writeDisk(GuestSpec spec, DiskReader disk) {
        if (dialect.diskLayout().isEmpty()) {
            return;
        }
        org.libvirt.Stream stream = connections.with(uri,
                connect -> LibvirtVolumes.openForUpload(connect, dialect.diskLayout().get(), spec));
        if (stream != null) {
            // Chunk by chunk, each under the lock: other calls on the node go on while a disk is written.
            LibvirtStreams.upload(connections, uri, stream, disk, (buffer, n) -> {
            }, "the disk of " + spec.id());
        }
    }

    /** How long a running guest's backup job may take before it is given up. */
    private static final Duration COPY_LIMIT = Duration.ofHours(6);

    @Override
    public java.util.Optional<io.innkeeper.provisioning.driver.DiskCopy> copyDisk(UUID guestId,
            java.util.function.BooleanSupplier stillOurs) {
        Boolean live = connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(guestId);
            try {
                if (dialect.diskLayout().isEmpty() || "TEST".equalsIgnoreCase(connect.getType())) {
                    return null;
                }
                boolean running = domain.isActive() == 1;
                return LibvirtDiskCopies.begin(connect, dialect.diskLayout().get(), domain, guestId, running)
                        ? running : null;
            } finally {
                domain.free();
            }
        });
        if (live == null) {
            return java.util.Optional.empty();
        }
        NodeLayout layout = dialect.diskLayout().get();
        if (live) {
            LibvirtDiskCopies.awaitBackup(connections, uri, guestId, stillOurs, COPY_LIMIT);
        }
        org.libvirt.Stream stream = connections.with(uri, connect -> LibvirtDiskCopies.openCopy(connect, layout,
                guestId));
        if (stream == null) {
            throw new DriverException.Transient("the copy of the disk of " + guestId + " vanished from " + uri, null);
        }
        DiskReader reader = new LibvirtStreams.Reader(connections, uri, stream, (b, n) -> {
        }, () -> {
        }, () -> connections.with(uri, connect -> {
            LibvirtDiskCopies.removeCopy(connect, layout, guestId);
            return null;
        }));
        return java.util.Optional.of(new io.innkeeper.provisioning.driver.DiskCopy(reader, live));
    }

    @FunctionalInterface
    private interface DomainWork<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    /** Runs work on the guest's domain; an unknown UUID becomes {@link DriverException.NotFoundOnHost}. */
    private <T> T onDomain(UUID guestId, DomainWork<T> work) {
        return connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(guestId);
            try {
                return work.apply(domain);
            } finally {
                domain.free();
            }
        });
    }

    /** A VM's disk volume, made before its first definition; a takeover finds and keeps it. */
    private void ensureDisk(Connect connect, GuestSpec spec) throws LibvirtException {
        if (dialect.diskLayout().isPresent()) {
            LibvirtVolumes.ensure(connect, dialect.diskLayout().get(), spec);
        }
    }

    /** Deleted after the undefine, also when an earlier attempt got that far and the domain is gone. */
    private void deleteDisk(Connect connect, UUID guestId) throws LibvirtException {
        if (dialect.diskLayout().isPresent()) {
            LibvirtVolumes.delete(connect, dialect.diskLayout().get(), guestId);
        }
    }

    private void growDisk(Connect connect, GuestSpec spec) throws LibvirtException {
        if (dialect.diskLayout().isPresent()) {
            Domain domain = connect.domainLookupByUUID(spec.id());
            try {
                LibvirtVolumes.grow(connect, dialect.diskLayout().get(), spec, domain);
            } finally {
                domain.free();
            }
        }
    }

    private static PowerState startIfStopped(Domain domain) throws LibvirtException {
        if (domain.isActive() == 0) {
            domain.create();
        }
        return DomainPower.of(domain);
    }

    private static Void destroyIfRunning(Domain domain) throws LibvirtException {
        if (domain.isActive() != 0) {
            domain.destroy();
        }
        return null;
    }

    /**
     * Undefines with the snapshot metadata and any managed save; drivers that take no flags (LXC, OpenVZ) have
     * neither, and get a plain undefine.
     */
    private static void undefine(Domain domain) throws LibvirtException {
        try {
            domain.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA | Domain.UndefineFlags.MANAGED_SAVE);
        } catch (LibvirtException e) {
            if (e.getError().getCode() != org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
                throw e;
            }
            domain.undefine();
        }
    }

    private static Domain lookup(Connect connect, UUID id) throws LibvirtException {
        try {
            return connect.domainLookupByUUID(id);
        } catch (LibvirtException e) {
            if (LibvirtErrors.translate("", e) instanceof DriverException.NotFoundOnHost) {
                return null;
            }
            throw e;
        }
    }
}
