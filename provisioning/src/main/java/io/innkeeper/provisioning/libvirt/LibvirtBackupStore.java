package io.innkeeper.provisioning.libvirt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.provisioning.driver.DriverException;

/**
 * Backups kept as volumes of a directory pool on the backup host, reached through libvirt's storage API: written
 * with an upload stream and read with a download stream, so the backup host needs libvirtd and nothing else. Each
 * chunk goes under the connection's lock, as every call does.
 */
@ApplicationScoped
public class LibvirtBackupStore implements BackupStore {

    @Inject
    LibvirtConnections connections;

    @Override
    public Stored write(BackupTarget target, String name, DiskReader from) {
        org.libvirt.Stream stream = connections.with(target.uri(), connect -> {
            StoragePool pool = LibvirtVolumes.pool(connect, target.dir());
            try {
                pool.refresh(0);
                LibvirtVolumes.remove(pool, name);
                StorageVol volume = pool.storageVolCreateXML(volumeXml(name), 0);
                try {
                    org.libvirt.Stream s = connect.streamNew(0);
                    try {
                        volume.upload(s, 0, 0, 0);
                        return s;
                    } catch (LibvirtException e) {
                        s.free();
                        throw e;
                    }
                } finally {
                    volume.free();
                }
            } finally {
                pool.free();
            }
        });
        MessageDigest digest = sha256();
        long[] bytes = { 0 };
        LibvirtStreams.upload(connections, target.uri(), stream, from, (buffer, n) -> {
            digest.update(buffer, 0, n);
            bytes[0] += n;
        }, "backup " + name);
        return new Stored(bytes[0], HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public DiskReader read(BackupTarget target, String name, String sha256) {
        org.libvirt.Stream stream = connections.with(target.uri(), connect -> {
            StoragePool pool = LibvirtVolumes.pool(connect, target.dir());
            try {
                pool.refresh(0);
                org.libvirt.Stream s = LibvirtVolumes.download(connect, pool, name);
                if (s == null) {
                    throw new DriverException.Unsupported("backup " + name + " is not in " + target, null);
                }
                return s;
            } finally {
                pool.free();
            }
        });
        MessageDigest digest = sha256();
        return new LibvirtStreams.Reader(connections, target.uri(), stream, (buffer, n) -> digest.update(buffer, 0, n),
                () -> {
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equals(sha256)) {
                        throw new DriverException.Unsupported("backup " + name + " in " + target
                                + " is damaged: its SHA-256 is " + actual + ", recorded " + sha256, null);
                    }
                }, () -> {
                });
    }

    @Override
    public void delete(BackupTarget target, String name) {
        connections.with(target.uri(), connect -> {
            StoragePool pool = LibvirtVolumes.pool(connect, target.dir());
            try {
                pool.refresh(0);
                LibvirtVolumes.remove(pool, name);
            } finally {
                pool.free();
            }
            return null;
        });
    }

    @Override
    public java.util.List<String> names(BackupTarget target) {
        return connections.with(target.uri(), connect -> {
            StoragePool pool = LibvirtVolumes.pool(connect, target.dir());
            try {
                pool.refresh(0);
                return java.util.List.of(pool.listVolumes());
            } finally {
                pool.free();
            }
        });
    }

    /** A raw file volume: the copy is stored byte for byte as the node made it (a qcow2 file). */
    static String volumeXml(String name) {
        return XmlOut.document(out -> out.start("volume").attr("type", "file")
                .leaf("name", name)
                .leaf("capacity", "unit", "bytes", "0")
                .start("target").empty("format").attr("type", "raw").end()
                .end());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
