package io.innkeeper.portal.admin.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.ServerFilter.Cursor;
import io.innkeeper.provisioning.guest.GuestStatus;

class ServerFilterTest {

    @Test
    void emptyValuesMeanNoFilter() {
        assertThat(ServerFilter.parse("", null, " ", "", " ", null)).isEqualTo(ServerFilter.none());
    }

    @Test
    void cursorRoundTripsThroughItsLinkForm() {
        Cursor cursor = new Cursor(Instant.parse("2026-03-01T10:15:30.123456Z"),
                UUID.randomUUID());
        ServerFilter parsed = ServerFilter.parse(null, null, "running", "s-2", "web 50%", cursor.token());
        assertThat(parsed.after()).isEqualTo(cursor);
        assertThat(parsed.state()).isEqualTo(GuestStatus.RUNNING);
        assertThat(parsed.query()).isEqualTo("state=RUNNING&plan=s-2&q=web+50%25");
    }

    @Test
    void badValuesNameTheirFields() {
        assertThatThrownBy(() -> ServerFilter.parse("x", "y", "ASLEEP", "a plan", "x".repeat(254), "nope"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsOnlyKeys("node", "tenant", "state", "plan", "q", "after"));
    }
}
