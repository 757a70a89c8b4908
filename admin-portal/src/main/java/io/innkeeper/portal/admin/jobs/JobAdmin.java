package io.innkeeper.portal.admin.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.job.JobQueue;

/**
 * Jobs that need an admin: failed ones, and stuck ones (a worker's lease ran out, or no progress for a while).
 * Retry and force-resolve go through {@link JobQueue} and are audited here.
 */
@ApplicationScoped
public class JobAdmin {

    /** A job that has not moved for this long counts as stuck. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    /** What a guest may be said to be after an admin resolved its job by hand. */
    public static final List<GuestStatus> RESOLVED_AS = List.of(GuestStatus.RUNNING, GuestStatus.STOPPED,
            GuestStatus.ERROR, GuestStatus.DELETED);

    private static final String SELECT = """
            select j.id, j.kind, j.state, j.attempts, j.max_attempts, j.step, j.error, j.created_at, j.updated_at,
                   j.lease_owner, j.lease_until, g.id, g.hostname, g.status, n.name
            from job j join guest g on g.id = j.guest_id join node n on n.id = g.node_id
            """;

    @Inject
    EntityManager em;

    @Inject
    JobQueue queue;

    @Inject
    Audit audit;

    public List<JobRow> failed(int limit) {
        return rows(SELECT + " where j.state = 'FAILED' order by j.updated_at desc limit :limit", limit);
    }

    public List<JobRow> stuck(int limit) {
        return rows(SELECT + """
                 where j.state in ('QUEUED', 'RUNNING')
                   and ((j.state = 'RUNNING' and j.lease_until < now())
                        or j.updated_at < now() - make_interval(secs => :stuck))
                 order by j.updated_at limit :limit
                """, limit);
    }

    private List<JobRow> rows(String sql, int limit) {
        var query = em.createNativeQuery(sql).setParameter("limit", limit);
        if (sql.contains(":stuck")) {
            query.setParameter("stuck", (double) STUCK_AFTER.toSeconds());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new JobRow((UUID) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), (String) r[5], (String) r[6],
                (Instant) r[7], (Instant) r[8], (String) r[9], (Instant) r[10], (UUID) r[11], (String) r[12],
                (String) r[13], (String) r[14])).toList();
    }

    @Transactional
    public void retry(Actor actor, UUID jobId) {
        Job job = find(jobId);
        String before = job.state.name();
        try {
            queue.retry(jobId);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("job.retry", "job", jobId, ownerOf(job), job.kind.name(),
                Map.of("state", before, "error", String.valueOf(job.error)), Map.of("state", "QUEUED")));
    }

    @Transactional
    public void forceResolve(Actor actor, UUID jobId, String status, String note) {
        Job job = find(jobId);
        FieldErrors errors = new FieldErrors();
        GuestStatus actual = RESOLVED_AS.stream().filter(s -> s.name().equals(status)).findFirst().orElse(null);
        if (actual == null) {
            errors.add("status", "Choose the state the server really is in now.");
        }
        String why = note == null ? "" : note.strip();
        if (why.isEmpty() || why.length() > 500) {
            errors.add("note", "Say in 1 to 500 characters what you did on the host.");
        }
        errors.throwIfAny();
        String before = job.state.name();
        try {
            queue.forceResolve(jobId, actual, why);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("job.force-resolve", "job", jobId, ownerOf(job), why,
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
