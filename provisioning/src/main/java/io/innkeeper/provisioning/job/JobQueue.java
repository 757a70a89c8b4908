package io.innkeeper.provisioning.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.query.NativeQuery;

import io.innkeeper.kernel.Backoff;
import io.innkeeper.kernel.RequestContext;
import io.innkeeper.provisioning.ProvisioningConfig;
import io.innkeeper.provisioning.cloudinit.SeedLinks;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.IpPools;

/**
 * The durable job table. Job times use the database clock, so replicas with skewed clocks agree on leases.
 * A job waits while an older job of the same guest is unfinished: one guest's jobs run in order.
 */
@ApplicationScoped
public class JobQueue {

    private static final String CLAIM = """
            with due as (
                select j.id from job j
                where ((j.state = 'QUEUED' and j.run_after <= now())
                       or (j.state = 'RUNNING' and j.lease_until < now()))
                  and not exists (select 1 from guest g join node n on n.id = g.node_id
                                  where g.id = j.guest_id and n.state = 'OFFLINE')
                  and not exists (select 1 from job e
                                  where e.guest_id = j.guest_id and e.created_at < j.created_at
                                    and e.state in ('QUEUED', 'RUNNING'))
                order by j.run_after, j.created_at
                limit 1
                for update skip locked)
            update job j set state = 'RUNNING', attempts = j.attempts + 1, lease_owner = :worker,
                   lease_until = now() + make_interval(secs => :lease), updated_at = now()
            from due where j.id = due.id
            returning j.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ProvisioningConfig config;

    @Inject
    Event<GuestChanged> guestChanged;

    @Inject
    IpPools ipPools;

    @Inject
    SnapshotRecords snapshots;

    @Inject
    BackupRecords backups;

    @Inject
    SeedLinks seeds;

    @Inject
    Event<JobsQueued> queued;

    @Inject
    Event<JobFinished> finished;

    /** Fired inside the enqueuing transaction; workers observe it after the commit and look for work at once. */
    public record JobsQueued() {
    }

    /** Adds a job in the caller's transaction, so the job exists exactly when the change that asked for it does. */
    @Transactional(TxType.MANDATORY)
    public UUID enqueue(UUID guestId, JobKind kind) {
        return enqueue(guestId, kind, null);
    }

    @Transactional(TxType.MANDATORY)
    public UUID enqueue(UUID guestId, JobKind kind, String arg) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into job (id, guest_id, kind, arg, state, attempts, max_attempts, run_after, step, created_at,
                                 updated_at, request_id, trace_parent)
                values (:id, :guest, :kind, :arg, 'QUEUED', 0, :max, clock_timestamp(), 'Waiting to start',
                        clock_timestamp(), clock_timestamp(), :request, :trace)
                """)
                .unwrap(NativeQuery.class)
                .setParameter("request", RequestContext.requestId().orElse(null), String.class)
                .setParameter("trace", JobTracing.traceParent().orElse(null), String.class)
                .setParameter("id", id)
                .setParameter("guest", guestId)
                .setParameter("kind", kind.name())
                .setParameter("arg", arg)
                .setParameter("max", config.jobs().maxAttempts())
                .executeUpdate();
        queued.fire(new JobsQueued());
        return id;
    }

    /** Takes the next due job, or one whose worker's lease ran out, for {@code worker}. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<ClaimedJob> claim(String worker) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(CLAIM, UUID.class)
                .setParameter("worker", worker)
                .setParameter("lease", (double) config.jobs().lease().toSeconds())
                .getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Job job = em.find(Job.class, ids.get(0));
        em.refresh(job);
        Guest guest = em.find(Guest.class, job.guestId);
        GuestSpec spec = guest.spec();
        spec = seeds.urlFor(guest.id).map(spec::withSeed).orElse(spec);
        return Optional.of(new ClaimedJob(job.id, job.kind, job.arg, job.attempts, job.maxAttempts, spec,
                guest.node.guestType, guest.node.settings(), guest.node.name, job.requestId, job.traceParent));
    }

    /** Records progress; answers false when the lease has passed to another worker. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean step(UUID jobId, String worker, String step) {
        return em.createNativeQuery("""
                update job set step = :step, updated_at = now(),
                       lease_until = now() + make_interval(secs => :lease)
                where id = :id and state = 'RUNNING' and lease_owner = :worker
                """)
                .setParameter("step", step)
                .setParameter("lease", (double) config.jobs().lease().toSeconds())
                .setParameter("id", jobId)
                .setParameter("worker", worker)
                .executeUpdate() == 1;
    }

    /** Finishes the job and moves its guest to {@code outcome}, unless a later job already owns the guest's state. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean succeed(UUID jobId, String worker, String step, GuestStatus outcome) {
        return succeed(jobId, worker, step, outcome, 0);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public boolean succeed(UUID jobId, String worker, String step, GuestStatus outcome, long driverMicros) {
        Job job = lockIfOwned(jobId, worker);
        if (job == null) {
            return false;
        }
        job.driverMicros = driverMicros;
        job.state = JobState.SUCCEEDED;
        job.step = step;
        job.error = null;
        finish(job);
        snapshots.succeeded(job);
        backups.succeeded(job);
        moveGuest(job, outcome);
        return true;
    }

    /**
     * Records a failed attempt: queued again after an exponential backoff while attempts remain and the failure is
     * transient, otherwise failed for good with the guest moved to {@code givenUp}.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fail(UUID jobId, String worker, String why, boolean retryable, GuestStatus givenUp) {
        Job job = lockIfOwned(jobId, worker);
        if (job == null) {
            return false;
        }
        if (retryable && job.attempts < job.maxAttempts) {
            Duration delay = backoff(job.attempts);
            job.state = JobState.QUEUED;
            job.error = why;
            job.step = "Retrying in " + delay.toSeconds() + " s (attempt " + (job.attempts + 1) + " of "
                    + job.maxAttempts + ")";
            job.leaseOwner = null;
            job.leaseUntil = null;
            em.flush();
            em.createNativeQuery("update job set run_after = now() + make_interval(secs => :s), updated_at = now() "
                    + "where id = :id")
                    .setParameter("s", (double) delay.toMillis() / 1000.0)
                    .setParameter("id", jobId)
                    .executeUpdate();
            return true;
        }
        job.state = JobState.FAILED;
        job.error = why;
        job.step = "Failed";
        finish(job);
        snapshots.gaveUp(job);
        backups.gaveUp(job);
        moveGuest(job, givenUp);
        return true;
    }

    /** An admin sends a failed job round again, with a fresh set of attempts. */
    @Transactional
    public void retry(UUID jobId) {
        Job job = em.find(Job.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state != JobState.FAILED) {
            throw new IllegalStateException("Only a failed job can be retried.");
        }
        job.state = JobState.QUEUED;
        job.attempts = 0;
        job.finishedAt = null;
        job.step = "Retry asked by an admin";
        em.flush();
        em.createNativeQuery("update job set run_after = now(), updated_at = now() where id = :id")
                .setParameter("id", jobId).executeUpdate();
        Guest guest = em.find(Guest.class, job.guestId, LockModeType.PESSIMISTIC_WRITE);
        guest.status = switch (job.kind) {
            case CREATE -> GuestStatus.PROVISIONING;
            case DELETE -> GuestStatus.DELETING;
            case REBOOT, RESCUE_ON, RESCUE_OFF -> GuestStatus.REBOOTING;
            case START -> GuestStatus.STARTING;
            case STOP, POWER_OFF -> GuestStatus.STOPPING;
            case RESIZE -> GuestStatus.RESIZING;
            case REINSTALL -> GuestStatus.REINSTALLING;
            case SNAPSHOT_CREATE, SNAPSHOT_REVERT, SNAPSHOT_DELETE -> GuestStatus.SNAPSHOTTING;
            case MIGRATE -> GuestStatus.MIGRATING;
            case CDROM_INSERT, CDROM_EJECT, BOOT_DEVICE -> guest.status;
            case BACKUP_CREATE -> GuestStatus.BACKING_UP;
            case BACKUP_RESTORE -> GuestStatus.RESTORING;
        };
        guest.updatedAt = clock.instant();
    }

    /**
     * An admin ends a stuck or failed job by hand, after putting the host right themselves, and says which status
     * the guest really has now. A running job's worker loses its lease and cannot finish it afterwards.
     */
    @Transactional
    public void forceResolve(UUID jobId, GuestStatus actual, String note) {
        Job job = em.find(Job.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state == JobState.SUCCEEDED) {
            throw new IllegalStateException("Only an unfinished or failed job can be resolved by hand.");
        }
        job.state = JobState.SUCCEEDED;
        job.step = "Resolved by an admin: " + note;
        finish(job);
        backups.gaveUp(job); // a copy nobody saw finish is not a good backup
        moveGuest(job, actual);
    }

    Duration backoff(int attempts) {
        Duration first = config.jobs().backoff();
        return Backoff.after(attempts, first, first.multipliedBy(1 << 10));
    }

    private Job lockIfOwned(UUID jobId, String worker) {
        Job job = em.find(Job.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state != JobState.RUNNING || !worker.equals(job.leaseOwner)) {
            return null;
        }
        return job;
    }

    private void finish(Job job) {
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.finishedAt = clock.instant();
        job.updatedAt = job.finishedAt;
        finished.fire(new JobFinished(job.id, job.guestId, job.kind, job.arg, job.state, job.error));
    }

    private void moveGuest(Job job, GuestStatus status) {
        long later = em.createQuery("select count(j) from Job j where j.guestId = :g and j.createdAt > :t "
                + "and j.state in (:open)", Long.class)
                .setParameter("g", job.guestId)
                .setParameter("t", job.createdAt)
                .setParameter("open", List.of(JobState.QUEUED, JobState.RUNNING))
                .getSingleResult();
        if (later > 0) {
            return;
        }
        Guest guest = em.find(Guest.class, job.guestId, LockModeType.PESSIMISTIC_WRITE);
        guest.status = status;
        guest.updatedAt = clock.instant();
        if (!status.isLive()) {
            ipPools.release(guest.id);
        }
        guestChanged.fire(new GuestChanged(guest.id, status));
    }
}
