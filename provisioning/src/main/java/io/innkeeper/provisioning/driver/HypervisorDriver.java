package io.innkeeper.provisioning.driver;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Operations on one hypervisor node. Every operation that changes a guest is idempotent, so a job taken over from
 * a crashed worker can repeat a step without creating a second guest. Guests are addressed by the panel's UUID;
 * an unknown UUID is {@link DriverException.NotFoundOnHost} except for {@link #remove}. Failures are
 * {@link DriverException}s.
 */
public interface HypervisorDriver {

    /** Defines the guest if the node has none with the spec's UUID, then starts it unless it already runs. */
    PowerState ensureRunning(GuestSpec spec);

    /**
     * Defines the guest if the node has none with the spec's UUID and leaves its power state alone: a guest moved
     * here while it was off stays off.
     */
    PowerState ensureDefined(GuestSpec spec);

    /**
     * Powers the guest off and replaces its definition with the spec's, keeping its disk, snapshots and anything
     * else the node holds for it; the guest stays off. Rescue mode boots a guest into another kernel this way and
     * back. Repeating it changes nothing more; {@link DriverException.NotFoundOnHost} when the node has no such
     * guest.
     */
    void redefine(GuestSpec spec);

    /** The guest's power state on the node; {@link DriverException.NotFoundOnHost} when the node has no such guest. */
    PowerState powerState(UUID guestId);

    /** Restarts a running guest; {@link DriverException.Conflict} when it is not running. */
    void reboot(UUID guestId);

    /** Powers the guest off and removes its definition and snapshots; a guest that is already gone is not an error. */
    void remove(UUID guestId);

    /** Starts a defined guest; starting a running guest changes nothing. */
    PowerState start(UUID guestId);

    /**
     * Asks the guest OS to shut down and waits up to {@code timeout} for it; a guest still running then is
     * powered off. Always ends with the guest off.
     */
    ShutdownOutcome shutdown(UUID guestId, Duration timeout);

    /** Pulls the plug; a guest that is already off is not an error. */
    void powerOff(UUID guestId);

    /**
     * Brings the guest's vCPUs, memory and limits to the spec's: always in its stored definition, and in the
     * running guest where the hypervisor allows. The result says what waits for the next boot.
     */
    ResizeResult setResources(GuestSpec spec);

    /** Takes a snapshot; taking one with an existing name returns that one. */
    Snapshot createSnapshot(UUID guestId, String name, String description);

    /** The guest's snapshots, oldest first. */
    List<Snapshot> snapshots(UUID guestId);

    /** Returns the guest to a snapshot, including the power state it had then. */
    void revertToSnapshot(UUID guestId, String name);

    /** Deletes a snapshot; one that is already gone is not an error. */
    void deleteSnapshot(UUID guestId, String name);

    /** Every guest on the node: the panel's (by metadata) apart from everything else. */
    NodeInventory listGuests();

    /** Counters of the panel's running guests, for metering; a counter the node does not report is absent. */
    List<GuestStats> bulkStats();

    /**
     * The last {@code maxBytes} (1 to 1 MiB) of the guest's serial console log; {@link ConsoleOutput#EMPTY} while
     * the guest has no log yet, {@link DriverException.Unsupported} where the node keeps none (containers,
     * libvirt's test driver).
     */
    ConsoleOutput consoleTail(UUID guestId, int maxBytes);

    /**
     * Opens the guest's serial console for one client, taking it over from whoever had it (another panel replica,
     * or {@code virsh console}): one writer at a time per guest. Output goes to {@code sink} from the driver's own
     * thread until the console ends or is closed. {@link DriverException.Unsupported} where the node cannot open
     * consoles (libvirt's test driver), {@link DriverException.Conflict} while the guest is not running.
     */
    ConsoleStream openConsole(UUID guestId, ConsoleSink sink);

    /**
     * The guest's disk, read while the guest is off, to move it to another node with {@link #writeDisk}. Empty
     * when the panel made the guest no disk on this node (containers, guests booted by kernel alone) or the node
     * keeps no data in disks (libvirt's test driver); {@link DriverException.Unsupported} when it keeps data but
     * cannot send it, so a move never goes on without the data.
     */
    java.util.Optional<DiskReader> readDisk(UUID guestId);

    /**
     * Makes the guest's disk on this node from one read off another node, byte for byte, replacing what an earlier
     * attempt wrote; the disk's size and template come from the spec.
     */
    void writeDisk(GuestSpec spec, DiskReader disk);

    /**
     * A copy of the guest's whole disk as it is now, standalone (no template beneath it), for a backup: taken from a
     * running guest without stopping it, or from a stopped one. Empty when the node keeps no data in disks (as
     * {@link #readDisk}); a copy an earlier attempt left on the node is replaced. Nodes that cannot copy a disk
     * throw {@link DriverException.Unsupported}. While the copy is being made {@code stillOurs} is asked every
     * moment whether to go on (it keeps the job's lease); false gives the copy up.
     */
    default java.util.Optional<DiskCopy> copyDisk(UUID guestId, java.util.function.BooleanSupplier stillOurs) {
        throw new DriverException.Unsupported("this node cannot copy a guest's disk for a backup", null);
    }

    /**
     * Gives the VM the spec's CD-ROM drive ({@link GuestSpec#cdrom()}): the stored definition is rewritten from the
     * spec, so the ISO and the boot order (CD-ROM first or the spec's own boot) hold from the next start, and a
     * running guest whose drive exists gets the new medium at once. Answers whether the medium changed in the
     * running guest; {@code false} means at its next start. {@link DriverException.Unsupported} where guests have
     * no CD-ROM drive (containers, Xen PV).
     */
    default boolean setCdrom(GuestSpec spec) {
        throw new DriverException.Unsupported("this node's guests have no CD-ROM drive", null);
    }

    /**
     * Where the running guest's VNC display is reached, read from its live definition. {@link DriverException.Conflict}
     * while the guest is not running, {@link DriverException.Unsupported} where it has no display the panel can
     * reach (containers, libvirt's test driver, a display bound to a remote node's loopback).
     */
    default VncDisplay vncDisplay(java.util.UUID guestId) {
        throw new DriverException.Unsupported("this node has no graphical consoles", null);
    }

    /**
     * A PNG of the running guest's screen, taken by the hypervisor (no VNC connection needed). Errors as for
     * {@link #vncDisplay}.
     */
    default byte[] screenshot(java.util.UUID guestId) {
        throw new DriverException.Unsupported("this node takes no screenshots", null);
    }
}
