package io.innkeeper.provisioning.reconcile;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.guest.OwnerStanding;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobQueue;
import io.innkeeper.provisioning.job.GuestChanged;
import io.innkeeper.provisioning.job.JobState;
import io.innkeeper.provisioning.reconcile.InventoryDiff.Drift;

/**
 * Changes a guest's status to match its node. The node listing may be older than the database, so each change
 * first locks the guest and asks the node again: with the row locked no job can be queued or finish for the guest
 * (both lock it first), so the answer cannot be overtaken by the panel's own work.
 */
@ApplicationScoped
public class GuestCorrections {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<GuestChanged> guestChanged;

    @Inject
    OwnerStanding standing;

    @Inject
    JobQueue jobs;

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Finding> fixDrift(UUID nodeId, Drift drift, HypervisorDriver driver) {
        Guest guest = lockSettled(nodeId, drift.guestId());
        if (guest == null) {
            return Optional.empty();
        }
        PowerState host;
        try {
            host = driver.powerState(guest.id);
        } catch (DriverException e) {
            // Gone or unreachable since the listing: the next run sees the node as it is then.
            return Optional.empty();
        }
        GuestStatus was = guest.status;
        if (host == PowerState.RUNNING && !standing.maySwitchOn(guest.ownerRef)) {
            // Started behind the panel while its account is suspended: it goes off again, like every suspended one.
            move(guest, GuestStatus.STOPPING);
            jobs.enqueue(guest.id, JobKind.POWER_OFF);
            return Optional.of(Finding.driftFixed(guest.id, host, "The node runs this guest although its account is "
                    + "suspended; the panel had " + was + " and is powering it off."));
        }
        return InventoryDiff.correction(was, host).map(to -> {
            move(guest, to);
            return Finding.driftFixed(guest.id, host, "The node reports " + host + "; the panel had " + was
                    + " and now has " + to + ".");
        });
    }

    /** Sets a guest the node does not have to ERROR; nothing is deleted. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Finding> markMissing(UUID nodeId, UUID guestId, HypervisorDriver driver) {
        Guest guest = lockSettled(nodeId, guestId);
        if (guest == null) {
            return Optional.empty();
        }
        try {
            driver.powerState(guestId);
            return Optional.empty();
        } catch (DriverException.NotFoundOnHost confirmed) {
            GuestStatus was = guest.status;
            if (was == GuestStatus.ERROR) {
                return Optional.of(Finding.missing(guestId, "The node has no domain with this guest's id."));
            }
            move(guest, GuestStatus.ERROR);
            return Optional.of(Finding.missing(guestId, "The node has no domain with this guest's id; the panel had "
                    + was + " and now has ERROR."));
        } catch (DriverException e) {
            return Optional.empty();
        }
    }

    /** The guest locked, when it is still on the node, live and free of jobs; otherwise null. */
    private Guest lockSettled(UUID nodeId, UUID guestId) {
        Guest guest = em.find(Guest.class, guestId, LockModeType.PESSIMISTIC_WRITE);
        if (guest == null || !guest.node.id.equals(nodeId) || guest.status.busy()
                || !guest.status.isLive()) {
            return null;
        }
        long open = em.createQuery("select count(j) from Job j where j.guestId = :g and j.state in (:open)",
                Long.class)
                .setParameter("g", guestId)
                .setParameter("open", List.of(JobState.QUEUED, JobState.RUNNING))
                .getSingleResult();
        return open == 0 ? guest : null;
    }

    private void move(Guest guest, GuestStatus status) {
        guest.status = status;
        guest.updatedAt = clock.instant();
        guestChanged.fire(new GuestChanged(guest.id, status));
    }
}
