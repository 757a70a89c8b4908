package io.innkeeper.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.provisioning.backup.BackupSchedule;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.backup.BackupTargets;
import io.innkeeper.provisioning.backup.GuestBackup;
import io.innkeeper.provisioning.guest.Guest;

/**
 * Takes the scheduled backups that are due, each once however many replicas tick: a schedule is locked with
 * {@code skip locked} in the transaction that records and queues its backup, and a taken one is not due again for a
 * period. A node works on at most {@code innkeeper.backups.per-node} scheduled backups at once; a due one waits for
 * room while its hour lasts, and is reported as missed from minute {@value #LAST_CHANCE_MINUTE} (replicas that count
 * at the same moment may start one more each: the limit spreads the load, it is no lock). A backup that cannot be taken now (the server busy, in rescue, or its region without storage) is recorded
 * as missed with the reason, and tried again at the next tick while its hour lasts.
 */
@ApplicationScoped
public class BackupScheduler {

    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

    @Inject
    EntityManager em;

    @Inject
    ProvisioningService provisioning;

    @Inject
    BackupTargets targets;

    @Inject
    Clock clock;

    /** What one round did. */
    public record Report(int taken, int missed) {
    }

    @Scheduled(every = "${innkeeper.backups.schedule-interval:60s}", concurrentExecution = ConcurrentExecution.SKIP)
    void tick() {
        Report report = run(clock.instant());
        if (report.taken() + report.missed() > 0) {
            LOG.infof("scheduled backups: %d taken, %d missed", report.taken(), report.missed());
        }
    }

    /** One round as at {@code now}. */
    public Report run(Instant now) {
        int hour = now.atZone(java.time.ZoneOffset.UTC).getHour();
        List<UUID> candidates = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select s.guestId from BackupSchedule s where s.hourUtc = :h", UUID.class)
                .setParameter("h", hour).getResultList());
        int taken = 0;
        int missed = 0;
        for (UUID guestId : candidates) {
            Optional<Boolean> outcome;
            try {
                outcome = QuarkusTransaction.requiringNew().call(() -> takeIfDue(guestId, now));
            } catch (RuntimeException e) {
                Missed m = e instanceof Missed direct ? direct : e.getCause() instanceof Missed wrapped ? wrapped : null;
                if (m == null) {
                    throw e;
                }
                // The refused attempt's transaction is rolled back; the miss is recorded in one of its own.
                outcome = QuarkusTransaction.requiringNew().call(() -> recordMissed(guestId, now, m.getMessage()));
            }
            if (outcome.isPresent()) {
                if (outcome.get()) {
                    taken++;
                } else {
                    missed++;
                }
            }
        }
        return new Report(taken, missed);
    }

    /** Empty when another replica holds the schedule or it is not due; else whether the backup was taken. */
    private Optional<Boolean> takeIfDue(UUID guestId, Instant now) {
        BackupSchedule schedule = lockSchedule(guestId);
        if (schedule == null || !schedule.dueAt(now)) {
            return Optional.empty();
        }
        Guest guest = em.find(Guest.class, guestId);
        Optional<String> refusal = targets.unavailable(guest.node.guestType, guest.node.region.code);
        if (refusal.isPresent()) {
            throw new Missed(refusal.get());
        }
        if (backupsUnderWay(guest.node.id) >= targets.perNode()) {
            if (now.atZone(java.time.ZoneOffset.UTC).getMinute() < LAST_CHANCE_MINUTE) {
                return Optional.empty(); // waits for room; the next tick tries again
            }
            throw new Missed("Too many backups were under way on its host during its hour; the next one is taken "
                    + "as usual.");
        }
        try {
            BackupTarget target = targets.forRegion(guest.node.region.code).orElseThrow();
            provisioning.backup(guestId, target, GuestBackup.Trigger.SCHEDULED);
        } catch (IllegalStateException e) {
            throw new Missed(e.getMessage());
        }
        schedule.lastTakenAt = now;
        return Optional.of(true);
    }

    private Optional<Boolean> recordMissed(UUID guestId, Instant now, String reason) {
        BackupSchedule schedule = lockSchedule(guestId);
        if (schedule == null) {
            return Optional.empty();
        }
        schedule.lastMissedAt = now;
        schedule.missedReason = io.innkeeper.kernel.Text.clip(reason, BackupSchedule.REASON_MAX);
        return Optional.of(false);
    }

    /** From this minute of its hour, a backup still waiting for room on its host is reported as missed. */
    static final int LAST_CHANCE_MINUTE = 45;

    /** Backup jobs queued or running for guests on the node. */
    private long backupsUnderWay(UUID nodeId) {
        return ((Number) em.createNativeQuery("""
                select count(*) from job j join guest g on g.id = j.guest_id
                where g.node_id = :n and j.kind = 'BACKUP_CREATE' and j.state in ('QUEUED', 'RUNNING')
                """).setParameter("n", nodeId).getSingleResult()).longValue();
    }

    /** The guest's schedule, locked; null when there is none or another replica holds it. */
    private BackupSchedule lockSchedule(UUID guestId) {
        List<?> locked = em.createNativeQuery("select guest_id from backup_schedule where guest_id = :g "
                + "for update skip locked").setParameter("g", guestId).getResultList();
        return locked.isEmpty() ? null : em.find(BackupSchedule.class, guestId);
    }

    /** Why a due backup could not be taken; its transaction is rolled back. */
    static final class Missed extends RuntimeException {
        Missed(String reason) {
            super(reason, null, false, false);
        }
    }
}
