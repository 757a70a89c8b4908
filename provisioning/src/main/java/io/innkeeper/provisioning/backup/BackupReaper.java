package io.innkeeper.provisioning.backup;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.provisioning.driver.DriverException;

/**
 * Removes the copies of deleted and failed backups (state DELETING) from their targets, then their rows. Deleting a
 * volume twice is harmless, so replicas that reap at the same moment need no claim; a target that does not answer is
 * tried again next round, and its rows stay until it does.
 */
@ApplicationScoped
public class BackupReaper {

    private static final Logger LOG = Logger.getLogger(BackupReaper.class);
    private static final int BATCH = 50;

    @Inject
    BackupStore store;

    @Scheduled(every = "${innkeeper.backups.reap-interval:30s}", concurrentExecution = ConcurrentExecution.SKIP)
    void tick() {
        reap();
    }

    /** One round; answers how many backups were removed. */
    public int reap() {
        List<GuestBackup> due = QuarkusTransaction.requiringNew().call(() -> GuestBackup.<GuestBackup>find(
                "state = ?1 order by createdAt", GuestBackup.State.DELETING).page(0, BATCH).list());
        int removed = 0;
        for (GuestBackup backup : due) {
            try {
                if (backup.consistency != GuestBackup.Consistency.NO_DATA) {
                    // A failed attempt may have written part of the copy before its row recorded the volume.
                    store.delete(backup.target(), backup.volume != null ? backup.volume
                            : GuestBackup.volumeName(backup.id));
                }
            } catch (DriverException e) {
                LOG.warnf("backup %s: could not remove %s from %s, trying again later: %s", backup.id, backup.volume,
                        backup.target(), e.getMessage());
                continue;
            }
            removed += QuarkusTransaction.requiringNew().call(() -> (int) GuestBackup.delete("id = ?1 and state = ?2",
                    backup.id, GuestBackup.State.DELETING));
        }
        return removed;
    }
}
