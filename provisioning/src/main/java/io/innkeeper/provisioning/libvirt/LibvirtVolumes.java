package io.innkeeper.provisioning.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * A VM's disk as a libvirt storage volume, so it is made on the node itself, remote or not: a copy-on-write qcow2
 * overlay {@code {guest}.qcow2} of the template's image, both in a directory pool over the node's image dir.
 * The pool is found by its target path (an operator's own pool over that dir is used as it is), and otherwise
 * defined as {@value #POOL} and started.
 */
final class LibvirtVolumes {

    static final String POOL = "innkeeper-images";

    private static final long GIB = 1024L * 1024 * 1024;

    private LibvirtVolumes() {
    }

    /**
     * Creates the guest's disk unless it exists: a job taken over after a crash keeps the disk the first attempt
     * made. Guests booted by kernel alone have none.
     */
    static void ensure(Connect connect, NodeLayout layout, GuestSpec spec) throws LibvirtException {
        if (!VmDevices.hasDisk(spec)) {
            return;
        }
        StoragePool pool = pool(connect, layout.imageDir());
        try {
            StorageVol volume = find(pool, volumeName(spec.id()));
            if (volume == null) {
                volume = create(pool, volumeXml(layout, spec), spec.image());
            }
            volume.free();
        } finally {
            pool.free();
        }
    }

    /** Deletes the guest's disk; one that is gone already (or never made) is not an error. */
    static void delete(Connect connect, NodeLayout layout, UUID guest) throws LibvirtException {
        StoragePool pool = pool(connect, layout.imageDir());
        try {
            StorageVol volume = find(pool, volumeName(guest));
            if (volume == null) {
                return;
            }
            try {
                volume.delete(0);
            } catch (LibvirtException e) {
                if (!isNoVolume(e)) {
                    throw e;
                }
            } finally {
                volume.free();
            }
        } finally {
            pool.free();
        }
    }

    /**
     * Grows the guest's disk to the spec's size and never shrinks it (the panel refuses smaller plans). A running
     * guest's disk grows through the hypervisor, which holds the image open; a stopped one's (or where the
     * hypervisor cannot) through the volume. A node whose driver can do neither (libvirt's test driver) keeps the
     * size.
     */
    static void grow(Connect connect, NodeLayout layout, GuestSpec spec, Domain domain) throws LibvirtException {
        if (!VmDevices.hasDisk(spec)) {
            return;
        }
        StoragePool pool = pool(connect, layout.imageDir());
        try {
            StorageVol volume = find(pool, volumeName(spec.id()));
            if (volume == null) {
                return;
            }
            try {
                long bytes = spec.diskGib() * GIB;
                if (volume.getInfo().capacity >= bytes) {
                    return;
                }
                if (domain.isActive() != 0 && supported(() -> domain.blockResize(volume.getPath(), bytes,
                        Domain.BlockResizeFlags.BYTES))) {
                    return;
                }
                supported(() -> volume.resize(bytes, 0));
            } finally {
                volume.free();
            }
        } finally {
            pool.free();
        }
    }

    /**
     * The guest's disk, opened for download, or null when it has none here. The pool is refreshed first, so a
     * disk file made before the pool knew it is found too.
     */
    static org.libvirt.Stream openForDownload(Connect connect, NodeLayout layout, UUID guest)
            throws LibvirtException {
        StoragePool pool = pool(connect, layout.imageDir());
        try {
            pool.refresh(0);
            return download(connect, pool, volumeName(guest));
        } finally {
            pool.free();
        }
    }

    /** The pool's volume of that name opened for download from its start, or null when there is none. */
    static org.libvirt.Stream download(Connect connect, StoragePool pool, String name) throws LibvirtException {
        StorageVol volume = find(pool, name);
        if (volume == null) {
            return null;
        }
        try {
            org.libvirt.Stream stream = connect.streamNew(0);
            try {
                volume.download(stream, 0, 0, 0);
                return stream;
            } catch (LibvirtException e) {
                stream.free();
                throw e;
            }
        } finally {
            volume.free();
        }
    }

    /**
     * The guest's disk made anew (as {@link #ensure} does, so size and template are the spec's; what was there is
     * deleted first) and opened for an upload that replaces its bytes; null for a guest that has no disk.
     */
    static org.libvirt.Stream openForUpload(Connect connect, NodeLayout layout, GuestSpec spec)
            throws LibvirtException {
        if (!VmDevices.hasDisk(spec)) {
            return null;
        }
        // A fresh volume: an upload writes over a file without shortening it, so a shorter disk would keep the
        // old one's tail as waste.
        StoragePool old = pool(connect, layout.imageDir());
        try {
            old.refresh(0);
            remove(old, volumeName(spec.id()));
        } finally {
            old.free();
        }
        ensure(connect, layout, spec);
        StoragePool pool = pool(connect, layout.imageDir());
        try {
            StorageVol volume = find(pool, volumeName(spec.id()));
            try {
                org.libvirt.Stream stream = connect.streamNew(0);
                try {
                    volume.upload(stream, 0, 0, 0);
                    return stream;
                } catch (LibvirtException e) {
                    stream.free();
                    throw e;
                }
            } finally {
                volume.free();
            }
        } finally {
            pool.free();
        }
    }

    static String volumeName(UUID guest) {
        return guest + ".qcow2";
    }

    /**
     * {@code <volume>} for the guest's overlay: capacity in GiB, nothing allocated up front, backed by the
     * template's image in the same directory (a path of its own if the template names one). A template image
     * whose name ends in {@code .qcow2} is qcow2, any other raw.
     */
    static String volumeXml(NodeLayout layout, GuestSpec spec) {
        String image = spec.image().startsWith("/") ? spec.image() : layout.imageDir() + "/" + spec.image();
        return XmlOut.document(out -> {
            out.start("volume").attr("type", "file");
            out.leaf("name", volumeName(spec.id()));
            out.leaf("capacity", "unit", "GiB", Integer.toString(spec.diskGib()));
            out.leaf("allocation", "unit", "bytes", "0");
            out.start("target");
            out.empty("format").attr("type", "qcow2");
            out.end();
            out.start("backingStore");
            out.leaf("path", image);
            out.empty("format").attr("type", image.endsWith(".qcow2") ? "qcow2" : "raw");
            out.end();
            out.end();
        });
    }

    static String poolXml(String name, String dir) {
        return XmlOut.document(out -> out.start("pool").attr("type", "dir")
                .leaf("name", name)
                .start("target").leaf("path", dir).end()
                .end());
    }

    /** The started pool over {@code dir}: found by target path, else defined (built if the dir is missing). */
    static StoragePool pool(Connect connect, String dir) throws LibvirtException {
        String wanted = normalise(dir);
        StoragePool pool = byTarget(connect, wanted);
        if (pool == null) {
            pool = define(connect, wanted);
        }
        if (pool.isActive() == 0) {
            try {
                pool.create(0);
            } catch (LibvirtException e) {
                // A dir pool will not start over a missing directory; building makes it.
                pool.build(0);
                pool.create(0);
            }
        }
        return pool;
    }

    private static StoragePool byTarget(Connect connect, String dir) throws LibvirtException {
        StoragePool named = lookup(connect, POOL);
        if (named != null && dir.equals(targetOf(named))) {
            return named;
        }
        if (named != null) {
            named.free();
        }
        for (String[] names : new String[][] { connect.listStoragePools(), connect.listDefinedStoragePools() }) {
            for (String name : names) {
                StoragePool pool = lookup(connect, name);
                if (pool == null) {
                    continue;
                }
                if (dir.equals(targetOf(pool))) {
                    return pool;
                }
                pool.free();
            }
        }
        return null;
    }

    /**
     * Defines the panel's pool; its usual name may be taken by a pool over another directory, and then the name
     * carries the directory's hash. Another panel replica defining it at the same moment is not an error.
     */
    private static StoragePool define(Connect connect, String dir) throws LibvirtException {
        StoragePool taken = lookup(connect, POOL);
        String name = POOL;
        if (taken != null) {
            taken.free();
            name = POOL + "-" + hash(dir);
        }
        try {
            StoragePool pool = connect.storagePoolDefineXML(poolXml(name, dir), 0);
            pool.setAutostart(1);
            return pool;
        } catch (LibvirtException e) {
            StoragePool raced = byTarget(connect, dir);
            if (raced == null) {
                throw e;
            }
            return raced;
        }
    }

    /**
     * Creates the volume; a file of that name the pool has not seen yet (made before the pool existed, or on
     * storage another node shares) is picked up by a refresh and kept. A template image missing from the node is
     * {@link DriverException.Unsupported}: trying again will not bring it.
     */
    private static StorageVol create(StoragePool pool, String xml, String image) throws LibvirtException {
        try {
            return pool.storageVolCreateXML(xml, 0);
        } catch (LibvirtException e) {
            pool.refresh(0);
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                StorageVol existing = find(pool, XmlIn.parse(xml).text("/volume/name"));
                if (existing != null) {
                    return existing;
                }
            } else if (!image.startsWith("/")) {
                StorageVol template = find(pool, image);
                if (template == null) {
                    throw new DriverException.Unsupported("the template image " + image + " is not in "
                            + targetOf(pool) + " on this node", e);
                }
                template.free();
            }
            throw e;
        }
    }

    /** Deletes the pool's volume of that name; none is fine. */
    static void remove(StoragePool pool, String name) throws LibvirtException {
        StorageVol old = find(pool, name);
        if (old != null) {
            try {
                old.delete(0);
            } finally {
                old.free();
            }
        }
    }

    /** The pool's volume of that name, or null. */
    static StorageVol find(StoragePool pool, String name) throws LibvirtException {
        try {
            return pool.storageVolLookupByName(name);
        } catch (LibvirtException e) {
            if (isNoVolume(e)) {
                return null;
            }
            throw e;
        }
    }

    private static StoragePool lookup(Connect connect, String name) throws LibvirtException {
        try {
            return connect.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                return null;
            }
            throw e;
        }
    }

    private static String targetOf(StoragePool pool) throws LibvirtException {
        String path = XmlIn.parse(pool.getXMLDesc(0)).text("/pool/target/path");
        return path == null ? null : normalise(path);
    }

    private static boolean isNoVolume(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_STORAGE_VOL;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws LibvirtException;
    }

    /** Whether the call worked; the driver lacking it is {@code false}, any other failure is thrown. */
    private static boolean supported(Call call) throws LibvirtException {
        try {
            call.run();
            return true;
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_SUPPORT) {
                return false;
            }
            throw e;
        }
    }

    private static String normalise(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static String hash(String dir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dir.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
