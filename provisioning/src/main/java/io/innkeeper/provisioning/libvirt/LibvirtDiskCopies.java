package io.innkeeper.provisioning.libvirt;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import io.innkeeper.provisioning.driver.DriverException;

/**
 * A standalone copy of a guest's disk, made in the node's image pool for a backup, then read off with a download
 * stream and removed. A running VM is copied with libvirt's backup API in push mode (QEMU copies the disk as it was
 * when the job began, copy-before-write, while the guest runs on); a stopped one by cloning its volume, which
 * flattens the template beneath it. Either way the copy is a qcow2 of its own, named after the guest, and a copy an
 * earlier attempt left behind is deleted first.
 */
final class LibvirtDiskCopies {

    /** {@code VIR_DOMAIN_JOB_NONE}: no job on the domain. */
    private static final int JOB_NONE = 0;
    /** {@code VIR_DOMAIN_JOB_COMPLETED} and {@code VIR_DOMAIN_JOB_STATS_COMPLETED}. */
    private static final int JOB_COMPLETED = 3;
    private static final int STATS_COMPLETED = 1;
    private static final Duration POLL = Duration.ofMillis(200);

    private LibvirtDiskCopies() {
    }

    static String copyName(UUID guest) {
        return guest + ".backup.qcow2";
    }

    /**
     * Starts the copy: the running VM's backup job is begun (and waited for by {@link #awaitBackup}); a stopped
     * guest's volume is cloned at once. Answers false when the guest has no disk volume on this node.
     */
    static boolean begin(Connect connect, NodeLayout layout, Domain domain, UUID guest, boolean running)
            throws LibvirtException {
        StoragePool pool = LibvirtVolumes.pool(connect, layout.imageDir());
        try {
            pool.refresh(0);
            StorageVol disk = LibvirtVolumes.find(pool, LibvirtVolumes.volumeName(guest));
            if (disk == null) {
                return false;
            }
            try {
                LibvirtVolumes.remove(pool, copyName(guest));
                if (running) {
                    String dev = XmlIn.parse(domain.getXMLDesc(0)).text("/domain/devices/disk[source/@file='"
                            + layout.diskImage(guest) + "']/target/@dev");
                    if (dev == null) {
                        throw new DriverException.Transient("the running guest " + guest + " does not use its disk "
                                + layout.diskImage(guest), null);
                    }
                    domain.backupBegin(backupXml(dev, layout.imageDir() + "/" + copyName(guest)), null, 0);
                } else {
                    pool.storageVolCreateXMLFrom(cloneXml(copyName(guest)), disk, 0).free();
                }
                return true;
            } finally {
                disk.free();
            }
        } finally {
            pool.free();
        }
    }

    /**
     * Whether the running VM's backup job has ended: false while it runs, true once it completed;
     * {@link DriverException.Transient} when QEMU gave it up (a full disk on the node, the guest gone).
     */
    static boolean backupEnded(Domain domain) throws LibvirtException {
        if (domain.getJobInfo().getType() != JOB_NONE) {
            return false;
        }
        org.libvirt.DomainJobStats done = domain.getJobStats(STATS_COMPLETED);
        if (done.type != JOB_COMPLETED) {
            String why = "";
            for (org.libvirt.TypedParameter p : done.stats == null ? new org.libvirt.TypedParameter[0] : done.stats) {
                if ("errmsg".equals(p.field)) {
                    why = ": " + p.getValueAsString();
                }
            }
            throw new DriverException.Transient("the backup job of the guest ended without a copy" + why, null);
        }
        return true;
    }

    /** Polls until the backup job ends, asking {@code stillOurs} between polls; gives up after {@code limit}. */
    static void awaitBackup(LibvirtConnections connections, String uri, UUID guest, BooleanSupplier stillOurs,
            Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!connections.with(uri, connect -> {
            Domain domain = connect.domainLookupByUUID(guest);
            try {
                return backupEnded(domain);
            } finally {
                domain.free();
            }
        })) {
            if (!stillOurs.getAsBoolean()) {
                abort(connections, uri, guest);
                throw new DriverException.Transient("the backup of " + guest + " was given up: its job moved on",
                        null);
            }
            if (System.nanoTime() > deadline) {
                abort(connections, uri, guest);
                throw new DriverException.Transient("the backup job of " + guest + " did not end within " + limit,
                        null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(connections, uri, guest);
                throw new DriverException.Transient("interrupted while copying the disk of " + guest, e);
            }
        }
    }

    /** The finished copy, opened for download; null if it is not there. */
    static org.libvirt.Stream openCopy(Connect connect, NodeLayout layout, UUID guest) throws LibvirtException {
        StoragePool pool = LibvirtVolumes.pool(connect, layout.imageDir());
        try {
            pool.refresh(0);
            return LibvirtVolumes.download(connect, pool, copyName(guest));
        } finally {
            pool.free();
        }
    }

    /** Deletes the copy from the node; one already gone is fine. */
    static void removeCopy(Connect connect, NodeLayout layout, UUID guest) throws LibvirtException {
        StoragePool pool = LibvirtVolumes.pool(connect, layout.imageDir());
        try {
            pool.refresh(0);
            LibvirtVolumes.remove(pool, copyName(guest));
        } finally {
            pool.free();
        }
    }

    /**
     * Push mode, the guest's own disk to {@code file} as qcow2. libvirt's schema wants the disk named by its target
     * ({@code vda}, {@code xvda}), so the caller looks that up by the disk's source path: any bus will do.
     */
    static String backupXml(String disk, String file) {
        return XmlOut.document(out -> out.start("domainbackup")
                .start("disks")
                .start("disk").attr("name", disk).attr("type", "file")
                .empty("target").attr("file", file)
                .empty("driver").attr("type", "qcow2")
                .end()
                .end()
                .end());
    }

    private static String cloneXml(String name) {
        return XmlOut.document(out -> out.start("volume").attr("type", "file")
                .leaf("name", name)
                .leaf("capacity", "0")
                .start("target").empty("format").attr("type", "qcow2").end()
                .end());
    }

    private static void abort(LibvirtConnections connections, String uri, UUID guest) {
        try {
            connections.with(uri, connect -> {
                Domain domain = connect.domainLookupByUUID(guest);
                try {
                    if (domain.getJobInfo().getType() != JOB_NONE) {
                        domain.abortJob();
                    }
                } finally {
                    domain.free();
                }
                return null;
            });
        } catch (DriverException ignored) {
            // The guest or its job is gone already; the next attempt deletes what was copied.
        }
    }

}
