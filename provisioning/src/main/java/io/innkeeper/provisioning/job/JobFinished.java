package io.innkeeper.provisioning.job;

import java.util.UUID;

/** Fired synchronously inside the transaction that finished a job (succeeded, failed for good, or resolved). */
public record JobFinished(UUID jobId, UUID guestId, JobKind kind, String arg, JobState state, String error) {
}
