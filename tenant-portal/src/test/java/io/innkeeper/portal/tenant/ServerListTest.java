package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.innkeeper.orders.ServerFilter;
import io.innkeeper.provisioning.guest.GuestStatus;

class ServerListTest {

    @Test
    void cursorTokenRoundTripsToTheMicrosecond() {
        ServerFilter.Cursor cursor = new ServerFilter.Cursor(Instant.parse("2026-03-01T10:15:30.123456Z"),
                UUID.randomUUID());
        assertThat(ServerFilter.Cursor.parse(cursor.token())).contains(cursor);
        assertThat(ServerFilter.Cursor.parse("garbage")).isEmpty();
        assertThat(ServerFilter.Cursor.parse("12.not-a-uuid")).isEmpty();
        assertThat(ServerFilter.Cursor.parse(null)).isEmpty();
    }

    @Test
    void queryKeepsTheFilterInEveryLinkAndDropsUnknownValues() {
        UUID customer = UUID.randomUUID();
        ServerList.Query query = new ServerList.Query(" Web ", "running", "eu-west", "no plan!", customer.toString(),
                "", "7");
        assertThat(query.with("")).isEqualTo("?q=Web&state=running&region=eu-west&plan=no+plan%21&customer="
                + customer + "&size=7");
        assertThat(query.with("5.x")).endsWith("&size=7&after=5.x");
        ServerFilter filter = query.filter();
        assertThat(filter.search()).isEqualTo("web");
        assertThat(filter.status()).isEqualTo(GuestStatus.RUNNING);
        assertThat(filter.region()).isEqualTo("eu-west");
        assertThat(filter.plan()).isNull();
        assertThat(filter.account()).isEqualTo(customer);
        assertThat(new ServerList.Query("", "asleep", "", "", "not-an-id", "", "").filter())
                .isEqualTo(ServerFilter.NONE);
        assertThat(query.limit()).isEqualTo(7);
        assertThat(new ServerList.Query(null, null, null, null, null, null, "100000").limit()).isEqualTo(200);
        assertThat(new ServerList.Query(null, null, null, null, null, null, null).with("")).isEmpty();
    }

    @Test
    void pollingAndPagingLinksCarryTheFilter() {
        ServerList.Query query = new ServerList.Query("db", "", "", "", "", "", "");
        ServerFilter.Cursor next = new ServerFilter.Cursor(Instant.EPOCH, new UUID(0, 1));
        ServerList list = new ServerList(query, List.of(), java.util.Map.of(), Optional.of(next), List.of(),
                List.of(), List.of(), List.of(), false, false);
        assertThat(list.self()).isEqualTo("/servers?q=db");
        assertThat(list.nextPage()).isEqualTo("/servers?q=db&after=" + next.token());
        assertThat(list.firstPage()).isEqualTo("/servers?q=db");
    }
}
