package io.innkeeper.portal.admin.jobs;

import java.time.Instant;
import java.util.UUID;

/** A failed or stuck job, with the server it works on. */
public record JobRow(UUID id, String kind, String state, int attempts, int maxAttempts, String step, String error,
        Instant createdAt, Instant updatedAt, String leaseOwner, Instant leaseUntil, UUID guestId, String hostname,
        String guestStatus, String node) {
}
