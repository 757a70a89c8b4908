package io.innkeeper.provisioning.rescue;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobQueue;
import io.innkeeper.provisioning.job.JobRunner;

/**
 * Puts a guest into rescue mode and takes it out, in the caller's transaction. The guest's record says which rescue
 * system it boots and the hash of its one-time root password, so its spec ({@link Guest#spec()}) boots the rescue
 * system for every job while it is in rescue: a reboot, a shutdown and a start keep it there, and a retried job
 * redefines it the same way. The job the change queues redefines the guest and (re)starts it.
 */
@ApplicationScoped
public class RescueMode {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobQueue jobs;

    /** Whether a guest is in rescue, since when and in which rescue system. */
    public record RescueState(boolean active, String system, Instant since) {

        public static final RescueState OFF = new RescueState(false, null, null);
    }

    /**
     * Boots a running guest into the rescue system; {@code passwordHash} is the SHA-512 crypt hash of its new root
     * password. Refused (IllegalStateException, in words for the customer) in any other state or when in rescue.
     */
    @Transactional(TxType.MANDATORY)
    public void enter(UUID guestId, UUID rescueSystemId, String passwordHash) {
        Guest guest = lock(guestId);
        if (guest.inRescue()) {
            throw new IllegalStateException("This server is in rescue mode already.");
        }
        if (guest.status != GuestStatus.RUNNING) {
            throw new IllegalStateException("Only a running server can boot the rescue system; this one is "
                    + label(guest) + ". Start it first.");
        }
        RescueBoot.unavailableOn(guest.node.guestType).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        RescueSystem system = em.find(RescueSystem.class, rescueSystemId);
        if (system == null) {
            throw new NotFound("rescue system");
        }
        RescueBoot.of(system.kernel, system.initrd, system.cmdline, passwordHash);
        guest.rescueSystem = system;
        guest.rescuePasswordHash = passwordHash;
        guest.rescueSince = clock.instant();
        guest.status = GuestStatus.REBOOTING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.RESCUE_ON);
    }

    /**
     * Boots the guest's own system again: a running guest restarts from its disk, a stopped one is redefined and
     * stays off. The password hash is forgotten at once.
     */
    @Transactional(TxType.MANDATORY)
    public void leave(UUID guestId) {
        Guest guest = lock(guestId);
        if (!guest.inRescue()) {
            throw new IllegalStateException("This server is not in rescue mode.");
        }
        if (guest.status != GuestStatus.RUNNING && guest.status != GuestStatus.STOPPED) {
            throw new IllegalStateException("Only a running or stopped server can leave rescue mode; this one is "
                    + label(guest) + ".");
        }
        boolean wasRunning = guest.status == GuestStatus.RUNNING;
        guest.rescueSystem = null;
        guest.rescuePasswordHash = null;
        guest.rescueSince = null;
        guest.status = GuestStatus.REBOOTING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guestId, JobKind.RESCUE_OFF, wasRunning ? null : JobRunner.STAYS_OFF);
    }

    @Transactional(TxType.SUPPORTS)
    public RescueState state(UUID guestId) {
        Guest guest = em.find(Guest.class, guestId);
        if (guest == null || !guest.inRescue()) {
            return RescueState.OFF;
        }
        return new RescueState(true, guest.rescueSystem.name, guest.rescueSince);
    }

    private Guest lock(UUID guestId) {
        Guest guest = em.find(Guest.class, guestId, LockModeType.PESSIMISTIC_WRITE);
        if (guest == null) {
            throw new NotFound("server");
        }
        return guest;
    }

    private static String label(Guest guest) {
        return guest.status.label().toLowerCase(Locale.ROOT);
    }
}
