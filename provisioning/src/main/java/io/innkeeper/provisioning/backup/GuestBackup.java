package io.innkeeper.provisioning.backup;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One backup of a guest's disk: where its copy is kept, how big it is and its checksum (see V165). */
@Entity
@Table(name = "guest_backup")
public class GuestBackup extends PanacheEntityBase {

    /** Where the backup is in its life. */
    public enum State {
        CREATING,
        READY,
        /** Failed or deleted: its volume is being removed from the target, then the row goes. */
        DELETING
    }

    /** Who asked for it. */
    public enum Trigger {
        MANUAL,
        SCHEDULED
    }

    /** How consistent the copy is. */
    public enum Consistency {
        /** Taken from a running guest: as a sudden power cut would leave the disk. */
        CRASH,
        /** Taken from a stopped guest. */
        CLEAN,
        /** The node keeps no disk data (libvirt's test driver): nothing was copied. */
        NO_DATA
    }

    @Id
    public UUID id;

    @Column(name = "guest_id")
    public UUID guestId;

    @Enumerated(EnumType.STRING)
    public Trigger trigger;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "target_uri")
    public String targetUri;

    @Column(name = "target_dir")
    public String targetDir;

    /** The volume's name on the target; null until something is stored. */
    public String volume;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public String sha256;

    @Enumerated(EnumType.STRING)
    public Consistency consistency;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public BackupTarget target() {
        return new BackupTarget(targetUri, targetDir);
    }

    public static String volumeName(UUID backupId) {
        return "backup-" + backupId + ".qcow2";
    }
}
