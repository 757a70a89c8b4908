package io.innkeeper.provisioning.job;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The admin's use cases for jobs that need a person: list the failed ones and the stuck ones (a worker's lease ran
 * out, or no progress for {@link #STUCK_AFTER}), retry one, or resolve one by hand after fixing the host. One
 * transaction each; retry and resolve go through {@link JobQueue}.
 */
@ApplicationScoped
public class JobAdmin {

    /** A job that has not moved for this long counts as stuck. */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    /** What a guest may be said to be after an admin resolved its job by hand. */
    public static final List<GuestStatus> RESOLVED_AS = List.of(GuestStatus.RUNNING, GuestStatus.STOPPED,
            GuestStatus.ERROR, GuestStatus.DELETED);

    /** A failed or stuck job, with the guest it works on and the guest's node. */
    public record JobRow(UUID id, JobKind kind, JobState state, int attempts, int maxAttempts, String step,
            String error, Instant createdAt, Instant updatedAt, String leaseOwner, Instant leaseUntil, UUID guestId,
            String hostname, GuestStatus guestStatus, String node) {
    }

    /** Resolve job {@code job} by hand: the guest is {@code status} now, and {@code note} says what was done. */
    public record ResolveJob(UUID job, String status, String note) {
    }

    private static final String SELECT = """
            select j.id, j.kind, j.state, j.attempts, j.max_attempts, j.step, j.error, j.created_at, j.updated_at,
                   j.lease_owner, j.lease_until, g.id as guest_id, g.hostname, g.status as guest_status,
                   n.name as node
            from job j join guest g on g.id = j.guest_id join node n on n.id = g.node_id
            """;

    @Inject
    EntityManager em;

    @Inject
    JobQueue queue;

    /**
     * The queue at a glance for the operator's metrics: jobs waiting, running, and failed (waiting for an admin), and
     * when the longest-waiting queued job was queued (null when none is).
     */
    public record QueueFigures(long queued, long running, long failed, Instant oldestQueuedAt) {
    }

    @Transactional
    public QueueFigures figures() {
        Tuple r = (Tuple) em.createNativeQuery("""
                select count(*) filter (where state = 'QUEUED') as queued,
                       count(*) filter (where state = 'RUNNING') as running,
                       (select count(*) from job where state = 'FAILED') as failed,
                       min(created_at) filter (where state = 'QUEUED') as oldest
                from job where state in ('QUEUED', 'RUNNING')
                """, Tuple.class).getSingleResult();
        return new QueueFigures(r.get("queued", Number.class).longValue(), r.get("running", Number.class).longValue(),
                r.get("failed", Number.class).longValue(), instant(r.get("oldest")));
    }

    /** The latest failed jobs, the most recent first. */
    @Transactional
    public List<JobRow> failed(int limit) {
        return rows(em.createNativeQuery(SELECT + " where j.state = 'FAILED' order by j.updated_at desc limit :limit",
                Tuple.class).setParameter("limit", limit).getResultList());
    }

    /** Queued or running jobs that have not moved for a while, the longest waiting first. */
    @Transactional
    public List<JobRow> stuck(int limit) {
        return rows(em.createNativeQuery(SELECT + """
                 where j.state in ('QUEUED', 'RUNNING')
                   and ((j.state = 'RUNNING' and j.lease_until < now())
                        or j.updated_at < now() - make_interval(secs => :stuck))
                 order by j.updated_at limit :limit
                """, Tuple.class).setParameter("limit", limit)
                .setParameter("stuck", (double) STUCK_AFTER.toSeconds()).getResultList());
    }

    private static List<JobRow> rows(List<Tuple> rows) {
        return rows.stream().map(r -> new JobRow(r.get("id", UUID.class), JobKind.valueOf(r.get("kind", String.class)),
                JobState.valueOf(r.get("state", String.class)), r.get("attempts", Number.class).intValue(),
                r.get("max_attempts", Number.class).intValue(), r.get("step", String.class),
                r.get("error", String.class), instant(r.get("created_at")), instant(r.get("updated_at")),
                r.get("lease_owner", String.class), instant(r.get("lease_until")), r.get("guest_id", UUID.class),
                r.get("hostname", String.class), GuestStatus.valueOf(r.get("guest_status", String.class)),
                r.get("node", String.class))).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    /** Queues a failed job again. */
    @Transactional
    public void retry(ChangeLog log, UUID jobId) {
        Job job = find(jobId);
        String before = job.state.name();
        try {
            queue.retry(jobId);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        log.changed(new ChangeLog.Change("job.retry", "job", jobId, ownerOf(job), job.kind.name(),
                Map.of("state", before, "error", String.valueOf(job.error)), Map.of("state", "QUEUED")));
    }

    /** Ends an unfinished or failed job by hand, saying what state its guest is really in. */
    @Transactional
    public void resolve(ChangeLog log, ResolveJob command) {
        Job job = find(command.job());
        FieldErrors errors = new FieldErrors();
        GuestStatus actual = RESOLVED_AS.stream().filter(s -> s.name().equals(command.status())).findFirst()
                .orElse(null);
        if (actual == null) {
            errors.add("status", "Choose the state the server really is in now.");
        }
        String why = command.note() == null ? "" : command.note().strip();
        if (why.isEmpty() || why.length() > 500) {
            errors.add("note", "Say in 1 to 500 characters what you did on the host.");
        }
        errors.throwIfAny();
        String before = job.state.name();
        try {
            queue.forceResolve(job.id, actual, why);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        log.changed(new ChangeLog.Change("job.force-resolve", "job", job.id, ownerOf(job), why,
                Map.of("state", before, "error", String.valueOf(job.error)),
                Map.of("state", "SUCCEEDED", "guestStatus", actual.name())));
    }

    private Job find(UUID jobId) {
        Job job = em.find(Job.class, jobId);
        if (job == null) {
            throw new NotFound("job");
        }
        return job;
    }

    private UUID ownerOf(Job job) {
        return em.createQuery("select g.ownerRef from Guest g where g.id = :id", UUID.class)
                .setParameter("id", job.guestId).getSingleResult();
    }
}
