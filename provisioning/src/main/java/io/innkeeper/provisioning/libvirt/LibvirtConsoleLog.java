package io.innkeeper.provisioning.libvirt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.DriverException;

/**
 * Reads the end of a guest's console log through libvirt itself, so it works on a remote node as on a local one:
 * the node's console log directory is a directory storage pool (defined and started the first time it is needed),
 * each log a volume {@code {uuid}.log}, and the tail comes down a libvirt stream ({@code virStorageVolDownload}
 * with an offset and a length). Logs are written by virtlogd, which rotates them at its {@code max_size}; the
 * tail is of the current file.
 */
final class LibvirtConsoleLog {

    private static final int CHUNK = 64 * 1024;

    private LibvirtConsoleLog() {
    }

    /**
     * The pool's name: one per directory, so nodes that log elsewhere, or tests with their own directory, never
     * share one.
     */
    static String poolName(String dir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dir.getBytes(StandardCharsets.UTF_8));
            return "innkeeper-console-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String poolXml(String name, String dir) {
        return XmlOut.document(out -> out.start("pool").attr("type", "dir")
                .leaf("name", name)
                .start("target").leaf("path", dir).end()
                .end());
    }

    static ConsoleOutput tail(Connect connect, String dir, UUID guest, int maxBytes) throws LibvirtException {
        StoragePool pool = pool(connect, dir);
        try {
            StorageVol volume = volume(pool, guest + ".log");
            if (volume == null) {
                return ConsoleOutput.EMPTY;
            }
            try {
                // For a directory pool libvirt stats the file again here, so the size is the file's now.
                long size = volume.getInfo().capacity;
                long length = Math.min(size, maxBytes);
                byte[] bytes = length == 0 ? new byte[0] : download(connect, volume, size - length, length);
                return ConsoleOutput.ofTail(bytes, size);
            } finally {
                volume.free();
            }
        } finally {
            pool.free();
        }
    }

    /** The volume, after one refresh of the pool if it is not known yet (a log made since the last refresh). */
    private static StorageVol volume(StoragePool pool, String name) throws LibvirtException {
        StorageVol volume = lookup(pool, name);
        if (volume == null) {
            pool.refresh(0);
            volume = lookup(pool, name);
        }
        return volume;
    }

    private static StorageVol lookup(StoragePool pool, String name) throws LibvirtException {
        try {
            return pool.storageVolLookupByName(name);
        } catch (LibvirtException e) {
            if (code(e) == ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
                return null;
            }
            throw e;
        }
    }

    private static StoragePool pool(Connect connect, String dir) throws LibvirtException {
        String name = poolName(dir);
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (code(e) != ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                throw e;
            }
            pool = define(connect, name, dir);
        }
        if (pool.isActive() == 0) {
            pool.create(0);
        }
        return pool;
    }

    /** Defines the pool, or takes the one an admin already made over the directory (libvirt allows only one). */
    private static StoragePool define(Connect connect, String name, String dir) throws LibvirtException {
        try {
            return connect.storagePoolDefineXML(poolXml(name, dir), 0);
        } catch (LibvirtException e) {
            String target = "<path>" + dir + "</path>";
            for (String[] names : new String[][] { connect.listStoragePools(), connect.listDefinedStoragePools() }) {
                for (String other : names) {
                    StoragePool pool = connect.storagePoolLookupByName(other);
                    if (pool.getXMLDesc(0).contains(target)) {
                        return pool;
                    }
                    pool.free();
                }
            }
            throw e;
        }
    }

    private static byte[] download(Connect connect, StorageVol volume, long offset, long length)
            throws LibvirtException {
        Stream stream = connect.streamNew(0);
        try {
            try {
                volume.download(stream, offset, length, 0);
            } catch (LibvirtException e) {
                throw unsupportedOr(e);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
            byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
            int got;
            while ((got = stream.receive(chunk)) > 0) {
                out.write(chunk, 0, got);
            }
            stream.finish();
            return out.toByteArray();
        } catch (LibvirtException | RuntimeException e) {
            abort(stream);
            throw e;
        } finally {
            stream.free();
        }
    }

    private static LibvirtException unsupportedOr(LibvirtException e) {
        if (code(e) == ErrorNumber.VIR_ERR_NO_SUPPORT) {
            throw new DriverException.Unsupported("this node cannot download its console logs: " + e.getMessage(),
                    e);
        }
        return e;
    }

    private static void abort(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException ignored) {
            // The stream is already broken; freeing it is all that is left.
        }
    }

    private static ErrorNumber code(LibvirtException e) {
        return e.getError() == null ? null : e.getError().getCode();
    }
}
