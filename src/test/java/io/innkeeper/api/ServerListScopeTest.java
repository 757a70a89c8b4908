package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The server list reads a reseller's own servers and its customers' as two parts, each cut to the page, and merges
 * them. Paging through must give every server in scope once, newest first, whatever part it comes from; a customer
 * sees only its own.
 */
@io.quarkus.test.junit.QuarkusTest
class ServerListScopeTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Test
    void aResellersPagesMergeItsOwnAndItsCustomersServersNewestFirst() {
        ApiFixtures.Client reseller = api.reseller("merge");
        ApiFixtures.Client one = api.customerOf(reseller, "merge-one");
        ApiFixtures.Client two = api.customerOf(reseller, "merge-two");
        ApiFixtures.Client stranger = api.customer("merge-other");
        Fixtures.Catalog catalog = fixtures.catalog();
        // Newest first: owners alternate, and two servers share an instant (the id breaks the tie).
        UUID[] owners = { one.tenant(), reseller.tenant(), two.tenant(), one.tenant(), reseller.tenant(),
            two.tenant(), one.tenant() };
        String[] at = { "2026-11-30T12:00:07Z", "2026-11-30T12:00:06Z", "2026-11-30T12:00:05Z",
            "2026-11-30T12:00:05Z", "2026-11-30T12:00:03Z", "2026-11-30T12:00:02Z", "2026-11-30T12:00:01Z" };
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < owners.length; i++) {
            UUID id = servers.order(owners[i], catalog, Fixtures.hostname("merge-" + i));
            api.sql("update server set created_at = cast(?1 as timestamptz) where id = ?2", at[i], id);
            made.add(id);
        }
        servers.order(stranger.tenant(), catalog, Fixtures.hostname("merge-stranger"));
        List<UUID> expected = new ArrayList<>(made);
        // Same instant: the smaller id first, in PostgreSQL's order of uuids (unsigned bytes, so their text's order;
        // UUID.compareTo compares signed halves and disagrees when a leading hex digit is 8 or more).
        if (expected.get(2).toString().compareTo(expected.get(3).toString()) > 0) {
            java.util.Collections.swap(expected, 2, 3);
        }

        assertThat(pages(reseller, 2)).containsExactlyElementsOf(expected);
        assertThat(pages(reseller, 3)).containsExactlyElementsOf(expected);
        assertThat(pages(one, 2)).containsExactlyElementsOf(expected.stream()
                .filter(id -> owners[made.indexOf(id)].equals(one.tenant())).toList());
    }

    /** Every id the client's pages of {@code size} give, in order. */
    private static List<UUID> pages(ApiFixtures.Client client, int size) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            String body = client.api().queryParam("limit", size).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/servers").then().statusCode(200).extract().asString();
            JsonPath page = JsonPath.from(body);
            List<String> items = page.getList("items.id", String.class);
            assertThat(items.size()).isLessThanOrEqualTo(size);
            items.forEach(id -> ids.add(UUID.fromString(id)));
            cursor = page.getString("nextCursor");
        } while (cursor != null && ids.size() < 100);
        return ids;
    }
}
