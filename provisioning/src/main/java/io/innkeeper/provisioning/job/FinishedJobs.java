package io.innkeeper.provisioning.job;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * Retention of the job table: deletes the jobs that finished ({@link JobState#finished()}) before a time, in
 * batches of their own transaction. Replicas purging at once take different rows ({@code skip locked}).
 */
@ApplicationScoped
public class FinishedJobs {

    private static final List<String> FINISHED = Arrays.stream(JobState.values()).filter(JobState::finished)
            .map(Enum::name).toList();

    @Inject
    EntityManager em;

    /** Deletes the jobs that finished before {@code before}; answers how many. */
    public long purge(Instant before, int batchSize) {
        return Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                delete from job where id in (
                    select id from job where finished_at < :before and state in (:finished)
                    limit :n for update skip locked)
                """).setParameter("before", before).setParameter("finished", FINISHED).setParameter("n", batchSize)
                .executeUpdate()));
    }
}
