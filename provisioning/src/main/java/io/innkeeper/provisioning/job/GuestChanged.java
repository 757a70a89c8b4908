package io.innkeeper.provisioning.job;

import java.util.UUID;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * Fired synchronously, inside the job's finishing transaction, when a job moved a guest to a new status. Other
 * parts of the panel observe it to keep their own records in step.
 */
public record GuestChanged(UUID guestId, GuestStatus status) {
}
