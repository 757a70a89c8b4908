package io.innkeeper.provisioning.job;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The query use case for guests' jobs as their owners and admins read them: a guest's latest jobs, a page of the
 * jobs of the guests some owners hold, and one such job. Owners are the guests' {@code ownerRef}s (tenants): a job
 * of a guest another owner holds is not found.
 */
@ApplicationScoped
public class JobHistory {

    /** One job: what it does to which guest, how far it got, and why its last attempt failed. */
    public record JobLine(UUID id, UUID guestId, JobKind kind, JobState state, String step, String error,
            int attempts, int maxAttempts, Instant createdAt, Instant finishedAt) {

        static JobLine of(Job j) {
            return new JobLine(j.id, j.guestId, j.kind, j.state, j.step, j.error, j.attempts, j.maxAttempts,
                    j.createdAt, j.finishedAt);
        }
    }

    /** Where a page of jobs starts: after the job created at {@code createdAt} with id {@code id}. */
    public record After(Instant createdAt, UUID id) {
    }

    @Inject
    EntityManager em;

    /** The guest's {@code limit} newest jobs, newest first. */
    @Transactional
    public List<JobLine> recent(UUID guestId, int limit) {
        return Job.recentForGuest(guestId, limit).stream().map(JobLine::of).toList();
    }

    /**
     * At most {@code rows} jobs of the owners' guests (of one guest when {@code guestId} is given), newest first and
     * ties by id, starting after {@code after} (null: from the newest).
     */
    @Transactional
    public List<JobLine> page(Collection<UUID> owners, UUID guestId, After after, int rows) {
        StringBuilder jpql = new StringBuilder("select j from Job j, Guest g where g.id = j.guestId "
                + "and g.ownerRef in :tenants");
        if (guestId != null) {
            jpql.append(" and j.guestId = :server");
        }
        if (after != null) {
            jpql.append(" and (j.createdAt < :at or (j.createdAt = :at and j.id > :id))");
        }
        jpql.append(" order by j.createdAt desc, j.id");
        TypedQuery<Job> query = em.createQuery(jpql.toString(), Job.class)
                .setParameter("tenants", owners).setMaxResults(rows);
        if (guestId != null) {
            query.setParameter("server", guestId);
        }
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        return query.getResultList().stream().map(JobLine::of).toList();
    }

    /** Job {@code id} when it works on a guest of the owners; empty otherwise, whoever else owns it. */
    @Transactional
    public Optional<JobLine> get(Collection<UUID> owners, UUID id) {
        return em.createQuery("select j from Job j, Guest g where j.id = :id and g.id = j.guestId "
                + "and g.ownerRef in :tenants", Job.class)
                .setParameter("id", id).setParameter("tenants", owners)
                .getResultStream().findFirst().map(JobLine::of);
    }
}
