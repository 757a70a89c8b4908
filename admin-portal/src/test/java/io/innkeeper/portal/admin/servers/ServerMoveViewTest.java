package io.innkeeper.portal.admin.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerMove;
import io.innkeeper.provisioning.guest.GuestStatus;

/** The admin server page keeps itself up to date exactly while the server is between states. */
class ServerMoveViewTest {

    @Test
    void pollsWhileBetweenStatesOnly() {
        for (GuestStatus status : GuestStatus.values()) {
            assertThat(view(status).busy()).as(status.name()).isEqualTo(status.busy());
        }
        assertThat(view(GuestStatus.MIGRATING).busy()).isTrue();
        assertThat(view(GuestStatus.FAILED).busy()).as("a failed server is not polled forever").isFalse();
    }

    private static ServerMove.View view(GuestStatus status) {
        return new ServerMove.View(UUID.randomUUID(), "h.example.com", UUID.randomUUID(), "t", UUID.randomUUID(),
                "node", "region", "kvm", status, 1, 512, 10, "plan");
    }
}
