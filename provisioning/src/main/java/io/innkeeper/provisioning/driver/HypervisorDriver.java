package io.innkeeper.provisioning.driver;

import java.util.UUID;

/**
 * Operations on one hypervisor node. Every operation is idempotent, so a job taken over from a crashed worker
 * can repeat a step without creating a second guest. Failures are {@link DriverException}s.
 */
public interface HypervisorDriver {

    /** Defines the guest if the node has none with the spec's UUID, then starts it unless it already runs. */
    PowerState ensureRunning(GuestSpec spec);

    /** The guest's power state on the node; {@link DriverException.NotFoundOnHost} when the node has no such guest. */
    PowerState powerState(UUID guestId);

    /** Restarts a running guest. */
    void reboot(UUID guestId);

    /** Powers the guest off and removes its definition; a guest that is already gone is not an error. */
    void remove(UUID guestId);
}
