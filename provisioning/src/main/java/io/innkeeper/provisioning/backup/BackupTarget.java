package io.innkeeper.provisioning.backup;

import java.util.Objects;

/** Where a backup's copy is kept: a libvirt connection to the backup host and a directory (a storage pool) there. */
public record BackupTarget(String uri, String dir) {

    public BackupTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
        return dir + " on " + uri;
    }
}
