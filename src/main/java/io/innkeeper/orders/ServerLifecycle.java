package io.innkeeper.orders;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.GuestChanged;

/** Keeps the server record in step with its guest: a deleted guest ends the server, in the same transaction. */
@ApplicationScoped
public class ServerLifecycle {

    @Inject
    Clock clock;

    void onGuestChanged(@Observes GuestChanged change) {
        if (change.status() == GuestStatus.DELETED) {
            Server server = Server.findById(change.guestId());
            if (server != null && server.deletedAt == null) {
                server.deletedAt = clock.instant();
            }
        }
    }
}
