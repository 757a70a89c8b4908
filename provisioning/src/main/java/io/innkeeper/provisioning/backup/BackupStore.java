package io.innkeeper.provisioning.backup;

import io.innkeeper.provisioning.driver.DiskReader;

/**
 * The backup host's side: copies kept as volumes of a storage pool, each written once from a node's
 * {@link io.innkeeper.provisioning.driver.DiskCopy}, read back to restore, checked against its SHA-256 and deleted.
 */
public interface BackupStore {

    /** What was written: its length and the SHA-256 of its bytes, in lower-case hex. */
    record Stored(long bytes, String sha256) {
    }

    /** Writes {@code from} to the end as the volume {@code name}, replacing what an earlier attempt left. */
    Stored write(BackupTarget target, String name, DiskReader from);

    /**
     * The volume, read from its start; at its end the bytes read must have {@code sha256}, else the last read
     * throws, so a writer taking them aborts rather than finishes.
     */
    DiskReader read(BackupTarget target, String name, String sha256);

    /** Deletes the volume; one already gone is fine. */
    void delete(BackupTarget target, String name);

    /** The names of the volumes in the target's pool, for finding files no backup owns. */
    java.util.List<String> names(BackupTarget target);
}
