package io.innkeeper.provisioning.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.guest.GuestSnapshot;

/** Keeps the snapshot rows in step with the snapshot jobs, in the transaction that finishes each job. */
@ApplicationScoped
public class SnapshotRecords {

    @Transactional(TxType.MANDATORY)
    public void succeeded(Job job) {
        switch (job.kind) {
            case SNAPSHOT_CREATE -> GuestSnapshot.update("state = ?1 where guestId = ?2 and name = ?3",
                    GuestSnapshot.State.READY, job.guestId, job.arg);
            case SNAPSHOT_DELETE -> GuestSnapshot.delete("guestId = ?1 and name = ?2", job.guestId, job.arg);
            case DELETE -> GuestSnapshot.delete("guestId", job.guestId);
            default -> {
            }
        }
    }

    /** A snapshot that could not be made does not exist; one that could not be deleted is still there. */
    @Transactional(TxType.MANDATORY)
    public void gaveUp(Job job) {
        switch (job.kind) {
            case SNAPSHOT_CREATE -> GuestSnapshot.delete("guestId = ?1 and name = ?2", job.guestId, job.arg);
            case SNAPSHOT_DELETE -> GuestSnapshot.update("state = ?1 where guestId = ?2 and name = ?3",
                    GuestSnapshot.State.READY, job.guestId, job.arg);
            default -> {
            }
        }
    }
}
