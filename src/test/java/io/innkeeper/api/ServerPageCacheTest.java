package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * A page of servers is served again, without being read, only while nothing it shows has changed, whoever changed
 * it: these tests change rows by SQL, as an admin or a migration would, not through the panel.
 */
@io.quarkus.test.junit.QuarkusTest
class ServerPageCacheTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ServerPageCache pages;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void aPageIsServedAgainUntilSomethingItShowsChanges() {
        ApiFixtures.Client client = api.customer("pages");
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID first = running(client, catalog, "pages-one");
        UUID second = running(client, catalog, "pages-two");

        String before = list(client).asString();
        ServerPageCache.Counts start = pages.counts();
        assertThat(list(client).asString()).isEqualTo(before);
        assertThat(pages.counts().minus(start)).isEqualTo(new ServerPageCache.Counts(1, 0, 0));
        // A column no list shows leaves the page as it was.
        api.sql("update guest set updated_at = now() where id = ?1", first);
        assertThat(list(client).asString()).isEqualTo(before);
        assertThat(pages.counts().minus(start)).isEqualTo(new ServerPageCache.Counts(2, 0, 0));

        api.sql("update guest set status = 'STOPPED' where id = ?1", first);
        assertThat(list(client).asString()).isNotEqualTo(before);
        assertThat(pages.counts().minus(start)).isEqualTo(new ServerPageCache.Counts(2, 0, 1));
        assertThat(item(client, first).getString("status")).isEqualTo("STOPPED");
        api.sql("update guest set vcpus = 3, memory_mib = 1536, disk_gib = 33 where id = ?1", first);
        JsonPath sized = item(client, first);
        assertThat(List.of(sized.getInt("vcpus"), sized.getInt("memoryMib"), sized.getInt("diskGib")))
                .containsExactly(3, 1536, 33);
        String renamed = Fixtures.hostname("pages-renamed");
        api.sql("update server set hostname = ?1 where id = ?2", renamed, first);
        assertThat(item(client, first).getString("hostname")).isEqualTo(renamed);

        api.sql("insert into external_ref (object_id, tenant_id, kind, ref) values (?1, ?2, 'server', 'crm-1')",
                second, client.tenant());
        assertThat(item(client, second).getString("externalRef")).isEqualTo("crm-1");
        api.sql("update external_ref set ref = 'crm-2' where object_id = ?1", second);
        assertThat(item(client, second).getString("externalRef")).isEqualTo("crm-2");
        api.sql("delete from external_ref where object_id = ?1", second);
        assertThat(item(client, second).getString("externalRef")).isNull();

        String code = "pages-plan-" + UUID.randomUUID().toString().substring(0, 8);
        String was = String.valueOf(scalar("select code from plan where id = ?", catalog.plan()));
        api.sql("update plan set code = ?1 where id = ?2", code, catalog.plan());
        try {
            assertThat(item(client, first).getString("plan.code")).isEqualTo(code);
        } finally {
            api.sql("update plan set code = ?1 where id = ?2", was, catalog.plan());
        }
        assertThat(item(client, first).getString("plan.code")).isEqualTo(was);

        api.sql("update server set deleted_at = now() where id = ?1", second);
        assertThat(ids(list(client))).containsExactly(first.toString());
        api.sql("update server set created_at = created_at - interval '1 day' where id = ?1", first);
        assertThat(item(client, first).getString("createdAt")).isNotEqualTo(sized.getString("createdAt"));
    }

    @Test
    void aResellersPageFollowsItsCustomersServersAndACustomerMovedAway() {
        ApiFixtures.Client reseller = api.reseller("pages-reseller");
        ApiFixtures.Client customer = api.customerOf(reseller, "pages-customer");
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID theirs = running(customer, catalog, "pages-customer");
        assertThat(ids(list(reseller))).containsExactly(theirs.toString());

        api.sql("update guest set status = 'STOPPED' where id = ?1", theirs);
        assertThat(item(reseller, theirs).getString("status")).isEqualTo("STOPPED");
        // The customer leaves the reseller: it is no longer in the reseller's scope.
        api.sql("update tenant set parent_id = null where id = ?1", customer.tenant());
        assertThat(ids(list(reseller))).isEmpty();
        assertThat(ids(list(customer))).containsExactly(theirs.toString());
    }

    @Test
    void anETagAnswers304UntilThePageChanges() {
        ApiFixtures.Client client = api.customer("pages-etag");
        ApiFixtures.Client other = api.customer("pages-etag-other");
        UUID server = running(client, fixtures.catalog(), "pages-etag");
        ExtractableResponse<Response> first = list(client);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");

        for (String sent : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            ExtractableResponse<Response> again = client.api().header("If-None-Match", sent).get("/api/v1/servers")
                    .then().statusCode(304).extract();
            assertThat(again.asString()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(etag);
        }
        client.api().header("If-None-Match", "\"other\"").get("/api/v1/servers").then().statusCode(200);
        // Another page of the same list, or another tenant's list at the same address, has another tag.
        assertThat(client.api().queryParam("limit", 1).get("/api/v1/servers").header("ETag")).isNotEqualTo(etag);
        assertThat(list(other).header("ETag")).isNotEqualTo(etag);

        api.sql("update guest set status = 'STOPPED' where id = ?1", server);
        ExtractableResponse<Response> changed = client.api().header("If-None-Match", etag).get("/api/v1/servers")
                .then().statusCode(200).extract();
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.jsonPath().getString("items[0].status")).isEqualTo("STOPPED");
    }

    /**
     * Two transactions that change servers of the same two tenants in opposite orders both commit: the versions are
     * bumped at commit in the tenants' order, so neither holds one version while waiting for the other's.
     */
    @Test
    void transactionsTouchingTheSameTenantsInOppositeOrdersBothCommit() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        ApiFixtures.Client a = api.customer("pages-order-a");
        ApiFixtures.Client b = api.customer("pages-order-b");
        UUID a1 = running(a, catalog, "pages-a1");
        UUID a2 = running(a, catalog, "pages-a2");
        UUID b1 = running(b, catalog, "pages-b1");
        UUID b2 = running(b, catalog, "pages-b2");
        Object versionA = scalar("select version from server_list_version where tenant_id = ?", a.tenant());
        Object versionB = scalar("select version from server_list_version where tenant_id = ?", b.tenant());

        try (Connection one = transaction(); Connection two = transaction()) {
            stop(one, a1);
            stop(two, b2);
            stop(one, b1);
            stop(two, a2);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commit(one));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> commit(two));
            CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
        }
        assertThat(List.of(servers.status(a1), servers.status(a2), servers.status(b1), servers.status(b2)))
                .containsOnly(GuestStatus.STOPPED);
        assertThat(scalar("select version from server_list_version where tenant_id = ?", a.tenant()))
                .isNotEqualTo(versionA);
        assertThat(scalar("select version from server_list_version where tenant_id = ?", b.tenant()))
                .isNotEqualTo(versionB);
    }

    private Connection transaction() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        // A lock wait is a failure here, not a hang. "local": for this transaction only, so the pooled connection
        // does not carry a 5 s lock timeout into other tests (200 concurrent orders queue longer than that).
        try (var s = c.createStatement()) {
            s.execute("set local lock_timeout = '5s'");
        }
        return c;
    }

    private static void stop(Connection c, UUID guest) throws Exception {
        try (PreparedStatement s = c.prepareStatement("update guest set status = 'STOPPED' where id = ?")) {
            s.setObject(1, guest);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static void commit(Connection c) {
        try {
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object scalar(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server of the client's, once its create job is done (so the engine changes it no more). */
    private UUID running(ApiFixtures.Client client, Fixtures.Catalog catalog, String name) {
        UUID id = servers.order(client.tenant(), catalog, Fixtures.hostname(name));
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.status(id) == GuestStatus.RUNNING);
        return id;
    }

    private static ExtractableResponse<Response> list(ApiFixtures.Client client) {
        return client.api().get("/api/v1/servers").then().statusCode(200).extract();
    }

    private static List<String> ids(ExtractableResponse<Response> page) {
        return new ArrayList<>(page.jsonPath().getList("items.id", String.class));
    }

    /** The server's item in the client's first page. */
    private static JsonPath item(ApiFixtures.Client client, UUID server) {
        JsonPath page = list(client).jsonPath();
        int at = page.getList("items.id", String.class).indexOf(server.toString());
        if (at >= 0) {
            return page.setRootPath("items[" + at + "]");
        }
        throw new AssertionError("server " + server + " is not in the page");
    }
}
