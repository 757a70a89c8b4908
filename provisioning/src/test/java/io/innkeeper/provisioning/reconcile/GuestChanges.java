package io.innkeeper.provisioning.reconcile;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.GuestChanged;

/** Remembers every GuestChanged event, so tests can check that a change was announced. */
@ApplicationScoped
public class GuestChanges {

    private final List<GuestChanged> seen = new CopyOnWriteArrayList<>();

    void onChange(@Observes GuestChanged change) {
        seen.add(change);
    }

    public List<GuestStatus> of(UUID guestId) {
        return seen.stream().filter(c -> c.guestId().equals(guestId)).map(GuestChanged::status).toList();
    }
}
