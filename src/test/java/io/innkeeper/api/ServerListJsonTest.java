package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.ExternalRefs;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The server list writes its JSON field by field on the I/O thread; every other answer, a single server's
 * included, goes through the app's Jackson mapper. Clients must get the same bytes either way, so pages of the list
 * are compared byte for byte with Jackson's writing of the same servers: the field order, nulls, escaped text and
 * instants with a whole second, milliseconds and microseconds.
 */
@QuarkusTest
class ServerListJsonTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ApiQueries queries;

    @Inject
    ExternalRefs refs;

    @Test
    void pagesAreByteEqualToJacksonsWritingOfTheSameServers() throws Exception {
        ApiFixtures.Client client = api.customer("list-json");
        Fixtures.Catalog catalog = fixtures.catalog();
        String[] instants = { "2026-12-01T10:15:30.123456Z", "2026-12-01T10:15:29.120Z", "2026-12-01T10:15:28Z",
            "2026-12-01T10:15:27.000001Z" };
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < instants.length; i++) {
            UUID id = servers.order(client.tenant(), catalog, Fixtures.hostname("json-" + i));
            api.sql("update server set created_at = cast(?1 as timestamptz) where id = ?2", instants[i], id);
            ids.add(id);
        }
        // Compared once the create jobs are done, so no status changes between the two reads.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> servers.status(id) == io.innkeeper.provisioning.guest.GuestStatus.RUNNING));
        QuarkusTransaction.requiringNew().run(() -> {
            refs.set(client.tenant(), ExternalRefs.SERVER, ids.get(0), "crm \"42\" \\ bäckerei / 🍞");
            refs.set(client.tenant(), ExternalRefs.SERVER, ids.get(2), "plain-ref");
        });

        String first = client.api().get("/api/v1/servers?limit=3").then().statusCode(200)
                .contentType("application/json").extract().asString();
        String cursor = io.restassured.path.json.JsonPath.from(first).getString("nextCursor");
        assertThat(cursor).isNotNull();
        assertThat(first).isEqualTo(jackson(client, ids.subList(0, 3), cursor));
        String second = client.api().get("/api/v1/servers?limit=3&cursor=" + cursor).then().statusCode(200)
                .extract().asString();
        assertThat(second).isEqualTo(jackson(client, ids.subList(3, 4), null));
        String none = client.api().get("/api/v1/servers?status=ERROR").then().statusCode(200).extract().asString();
        assertThat(none).isEqualTo(new String(mapper.writeValueAsBytes(new ApiViews.Page<>(List.of(), null)),
                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    /** The page as Jackson writes it, from the single-server reads (the list leaves addresses out). */
    private String jackson(ApiFixtures.Client client, List<UUID> ids, String cursor) throws Exception {
        List<ApiViews.ServerView> views = new ArrayList<>();
        for (UUID id : ids) {
            ApiViews.ServerView v = queries.server(Scope.of(client.tenant()), id);
            views.add(new ApiViews.ServerView(v.id(), v.hostname(), v.status(), v.account(), v.region(), v.plan(),
                    v.template(), v.vcpus(), v.memoryMib(), v.diskGib(), v.externalRef(), null, v.createdAt(),
                    null));
        }
        // As bytes, the way the API's other answers are sent (Jackson's UTF-8 writer escapes a surrogate pair).
        return new String(mapper.writeValueAsBytes(new ApiViews.Page<>(views, cursor)),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
