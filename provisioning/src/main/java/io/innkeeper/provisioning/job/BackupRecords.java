package io.innkeeper.provisioning.job;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.backup.BackupTargets;
import io.innkeeper.provisioning.backup.GuestBackup;

/**
 * Keeps the backup rows in step with the backup jobs: what a job needs to know before it starts, the copy's size and
 * checksum once it is on the target, and the end (in the transaction that finishes the job). A finished backup
 * beyond the server's {@link BackupTargets#keep() keep} count, oldest first, and a failed one go to DELETING for the
 * reaper.
 */
@ApplicationScoped
public class BackupRecords {

    @Inject
    BackupTargets targets;

    @Inject
    Clock clock;

    /** What a backup job works on: where its copy goes or comes from, and the recorded checksum. */
    public record Planned(UUID id, GuestBackup.State state, BackupTarget target, String volume, String sha256,
            GuestBackup.Consistency consistency) {
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Planned> planned(UUID backupId) {
        return GuestBackup.<GuestBackup>findByIdOptional(backupId).map(b -> new Planned(b.id, b.state, b.target(),
                b.volume, b.sha256, b.consistency));
    }

    /** The copy is on the target (or there was nothing to copy); the backup is finished when its job is. */
    @Transactional(TxType.REQUIRES_NEW)
    public void stored(UUID backupId, String volume, BackupStore.Stored stored, GuestBackup.Consistency consistency) {
        GuestBackup backup = GuestBackup.findById(backupId);
        if (backup == null) {
            return;
        }
        backup.volume = volume;
        backup.sizeBytes = stored == null ? 0 : stored.bytes();
        backup.sha256 = stored == null ? null : stored.sha256();
        backup.consistency = consistency;
    }

    @Transactional(TxType.MANDATORY)
    public void succeeded(Job job) {
        if (job.kind == JobKind.BACKUP_CREATE) {
            GuestBackup backup = GuestBackup.findById(UUID.fromString(job.arg));
            if (backup != null && backup.state == GuestBackup.State.CREATING) {
                backup.state = GuestBackup.State.READY;
                backup.finishedAt = clock.instant();
                GuestBackup.flush();
                List<GuestBackup> ready = GuestBackup.list("guestId = ?1 and state = ?2 order by createdAt desc",
                        job.guestId, GuestBackup.State.READY);
                ready.stream().skip(targets.keep()).forEach(old -> old.state = GuestBackup.State.DELETING);
            }
        } else if (job.kind == JobKind.DELETE) {
            GuestBackup.update("state = ?1 where guestId = ?2", GuestBackup.State.DELETING, job.guestId);
            io.innkeeper.provisioning.backup.BackupSchedule.delete("guestId", job.guestId);
        }
    }

    /** A backup that could not be made is removed with whatever part of it reached the target. */
    @Transactional(TxType.MANDATORY)
    public void gaveUp(Job job) {
        if (job.kind == JobKind.BACKUP_CREATE) {
            GuestBackup.update("state = ?1 where id = ?2 and state = ?3", GuestBackup.State.DELETING,
                    UUID.fromString(job.arg), GuestBackup.State.CREATING);
        }
    }
}
