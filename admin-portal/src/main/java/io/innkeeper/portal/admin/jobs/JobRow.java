package io.innkeeper.portal.admin.jobs;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.provisioning.job.JobAdmin;
import io.innkeeper.provisioning.job.JobState;

/** A failed or stuck job, with the server it works on; {@code canRetry} for a failed one. */
public record JobRow(UUID id, String kind, String state, int attempts, int maxAttempts, String step, String error,
        Instant createdAt, Instant updatedAt, String leaseOwner, Instant leaseUntil, UUID guestId, String hostname,
        String guestStatus, String node, boolean canRetry) {

    static JobRow of(JobAdmin.JobRow j) {
        return new JobRow(j.id(), j.kind().name(), j.state().name(), j.attempts(), j.maxAttempts(), j.step(),
                j.error(), j.createdAt(), j.updatedAt(), j.leaseOwner(), j.leaseUntil(), j.guestId(), j.hostname(),
                j.guestStatus().name(), j.node(), j.state() == JobState.FAILED);
    }
}
