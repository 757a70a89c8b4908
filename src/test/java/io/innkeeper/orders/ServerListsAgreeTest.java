package io.innkeeper.orders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

import io.innkeeper.api.ApiFixtures;
import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The tenant portal's, the admin portal's and the API's server lists are one query: for the same scope and filters
 * they give the same servers in the same order (newest first, ties by id in PostgreSQL's order of uuids), and a
 * cursor one of them gave out goes on in the others. Each test signs in as an owner who is also a platform admin, so
 * one identity reads all three lists; each narrows to the servers it made by a mark in their hostnames.
 */
@QuarkusTest
class ServerListsAgreeTest {

    private static final String RESELLER = "lists-agree-reseller";
    private static final String CUSTOMER = "lists-agree-customer";
    private static final String DIRECT = "lists-agree-direct";
    private static final Pattern ROW = Pattern.compile("data-server=\"([0-9a-f-]{36})\"");

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    ApiFixtures api;

    /** The servers one test made: who owns each, in the lists' order, and the mark in their hostnames. */
    record Made(String mark, Map<UUID, UUID> owners, List<UUID> ordered, UUID underscore, UUID percent) {

        List<UUID> ownedBy(UUID... tenants) {
            List<UUID> of = List.of(tenants);
            return ordered.stream().filter(id -> of.contains(owners.get(id))).toList();
        }
    }

    @Test
    @TestSecurity(user = RESELLER, roles = { "reseller", "admin" })
    void aResellersListsAgreeOnItsScopeItsCustomerAndItsSearches() {
        UUID reseller = tenants()[0];
        UUID customer = tenants()[1];
        Made made = make();
        List<UUID> scope = made.ownedBy(reseller, customer);
        assertThat(scope).hasSize(6);

        // The whole scope: the reseller's own servers and its customer's, not the direct tenant's.
        assertThat(portal(made.mark(), "")).containsExactlyElementsOf(scope);
        assertThat(api(made.mark(), "")).containsExactlyElementsOf(scope);

        // One customer of the scope: all three lists.
        List<UUID> ofCustomer = made.ownedBy(customer);
        assertThat(portal(made.mark(), "&customer=" + customer)).containsExactlyElementsOf(ofCustomer);
        assertThat(api(made.mark(), "&account=" + customer)).containsExactlyElementsOf(ofCustomer);
        assertThat(admin(made.mark(), "&tenant=" + customer)).containsExactlyElementsOf(ofCustomer);

        // A state: two servers were stopped.
        List<UUID> stopped = scope.stream().filter(id -> servers.status(id) == GuestStatus.STOPPED).toList();
        assertThat(stopped).hasSize(2);
        assertThat(portal(made.mark(), "&state=STOPPED")).containsExactlyElementsOf(stopped);
        assertThat(api(made.mark(), "&status=STOPPED")).containsExactlyElementsOf(stopped);

        // % and _ are themselves in a search, not patterns: each finds its one server, in every list.
        for (UUID literal : List.of(made.underscore(), made.percent())) {
            String search = literal.equals(made.underscore()) ? "a_b-" + made.mark() : "c%d-" + made.mark();
            assertThat(portal(search, "")).containsExactly(literal);
            assertThat(api(search, "")).containsExactly(literal);
            assertThat(admin(search, "")).containsExactly(literal);
        }

        // An address: the search finds the server holding it (and any whose address has it as a part).
        UUID holder = ofCustomer.get(0);
        String address = servers.addresses(holder).get(0);
        List<UUID> byAddress = portal(address, "&customer=" + customer);
        assertThat(byAddress).contains(holder).doesNotHaveDuplicates();
        assertThat(api(address, "&account=" + customer)).containsExactlyElementsOf(byAddress);
        assertThat(admin(address, "&tenant=" + customer)).containsExactlyElementsOf(byAddress);

        // A second page: the API's cursor after two servers goes on in both portals where the API does.
        JsonPath first = JsonPath.from(given().queryParam("hostname", made.mark()).queryParam("account", customer)
                .queryParam("limit", 2).get("/api/v1/servers").then().statusCode(200).extract().asString());
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        List<UUID> rest = ofCustomer.subList(2, ofCustomer.size());
        assertThat(api(made.mark(), "&account=" + customer + "&cursor=" + cursor)).containsExactlyElementsOf(rest);
        assertThat(portal(made.mark(), "&customer=" + customer + "&after=" + cursor)).containsExactlyElementsOf(rest);
        assertThat(admin(made.mark(), "&tenant=" + customer + "&after=" + cursor)).containsExactlyElementsOf(rest);
    }

    @Test
    @TestSecurity(user = RESELLER, roles = { "reseller", "admin" })
    void pagesOfTwoGoThroughTheSameServersInEveryList() {
        UUID customer = tenants()[1];
        Made made = make();
        List<UUID> ofCustomer = made.ownedBy(customer);
        List<UUID> portal = new ArrayList<>();
        String next = "/servers?q=" + made.mark() + "&customer=" + customer + "&size=2";
        while (next != null) {
            String page = given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().asString();
            portal.addAll(ids(page));
            Matcher link = Pattern.compile("href=\"(/servers\\?[^\"]+)\" rel=\"next\"").matcher(page);
            next = link.find() ? link.group(1).replace("&amp;", "&") : null;
        }
        List<UUID> api = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = JsonPath.from(given().queryParam("hostname", made.mark())
                    .queryParam("account", customer).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/api/v1/servers").then().statusCode(200).extract().asString());
            page.getList("items.id", String.class).forEach(id -> api.add(UUID.fromString(id)));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(portal).containsExactlyElementsOf(ofCustomer);
        assertThat(api).containsExactlyElementsOf(ofCustomer);
    }

    @Test
    @TestSecurity(user = DIRECT, roles = { "customer", "admin" })
    void aDirectTenantsListsAgreeWithTheAdminsNarrowedToIt() {
        UUID direct = tenants()[2];
        Made made = make();
        List<UUID> own = made.ownedBy(direct);
        assertThat(own).hasSize(3);
        assertThat(portal(made.mark(), "")).containsExactlyElementsOf(own);
        assertThat(api(made.mark(), "")).containsExactlyElementsOf(own);
        assertThat(admin(made.mark(), "&tenant=" + direct)).containsExactlyElementsOf(own);
        // The admin's list without the tenant holds every tenant's servers of the mark, in the same order.
        assertThat(admin(made.mark(), "")).containsExactlyElementsOf(made.ordered());
        // Another tenant's account is outside the scope: nothing, never its servers.
        assertThat(api(made.mark(), "&account=" + tenants()[1])).isEmpty();
        assertThat(portal(made.mark(), "&customer=" + tenants()[1])).isEmpty();
    }

    @Test
    @TestSecurity(user = DIRECT, roles = { "customer", "admin" })
    void aNulInASearchIsRefusedNeverA500() {
        tenants();
        given().urlEncodingEnabled(false).get("/api/v1/servers?hostname=web%00x").then().statusCode(400)
                .body("errors.hostname", org.hamcrest.Matchers.notNullValue());
        given().urlEncodingEnabled(false).get("/api/v1/servers?externalRef=a%00").then().statusCode(400)
                .body("errors.externalRef", org.hamcrest.Matchers.notNullValue());
        // Both portals refuse it with the one text rule of the pages (web.FormText), naming the character.
        given().urlEncodingEnabled(false).get("/servers?q=web%00x").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("U+0000"));
        given().urlEncodingEnabled(false).get("/admin/servers?q=web%00x").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("U+0000"));
    }

    /** The reseller, its customer and a direct tenant, made on first use, each with room for servers. */
    private UUID[] tenants() {
        UUID reseller = fixtures.tenantOf(RESELLER, TenantKind.RESELLER, null);
        quotas.set(Actor.SYSTEM, reseller, new QuotaLimits(100, 200, 1_000_000, 10_000, 100, 100, null, null, null));
        UUID customer = fixtures.tenantOf(CUSTOMER, TenantKind.CUSTOMER, reseller);
        quotas.set(Actor.SYSTEM, customer, new QuotaLimits(20, 40, 100_000, 1000, 20, 20, null, null, null));
        UUID direct = fixtures.tenantOf(DIRECT, TenantKind.CUSTOMER, null);
        quotas.set(Actor.SYSTEM, direct, new QuotaLimits(20, 40, 100_000, 1000, 20, 20, null, null, null));
        return new UUID[] { reseller, customer, direct };
    }

    /**
     * Three servers for each tenant, their creation times set so that owners alternate and two share an instant,
     * all of them running, then two of the scope's stopped; two hostnames hold {@code _} and {@code %} (the
     * customer's and the reseller's), each beside one that those characters would match as patterns (the direct
     * tenant's and the customer's).
     */
    private Made make() {
        UUID[] tenants = tenants();
        Fixtures.Catalog catalog = fixtures.catalog();
        String mark = UUID.randomUUID().toString().substring(0, 8);
        UUID[] owners = { tenants[1], tenants[0], tenants[2], tenants[1], tenants[0], tenants[2], tenants[1],
            tenants[0], tenants[2] };
        String[] names = { "a_b-", "c%d-", "axb-", "cxd-", "e-", "f-", "g-", "h-", "i-" };
        String[] at = { "2026-10-01T12:00:09Z", "2026-10-01T12:00:08Z", "2026-10-01T12:00:07Z",
            "2026-10-01T12:00:06Z", "2026-10-01T12:00:06Z", "2026-10-01T12:00:06Z", "2026-10-01T12:00:04Z",
            "2026-10-01T12:00:03.000001Z", "2026-10-01T12:00:03Z" };
        Map<UUID, UUID> made = new LinkedHashMap<>();
        Map<UUID, String> created = new LinkedHashMap<>();
        for (int i = 0; i < owners.length; i++) {
            UUID id = servers.order(owners[i], catalog, Fixtures.hostname("list-" + i));
            made.put(id, owners[i]);
            created.put(id, at[i]);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> made.keySet().stream()
                .allMatch(id -> servers.status(id) == GuestStatus.RUNNING));
        List<UUID> ids = List.copyOf(made.keySet());
        for (int i = 0; i < ids.size(); i++) {
            // A test's time of day keeps this run's servers apart from another's with the same instants.
            api.sql("update server set hostname = ?1, created_at = cast(?2 as timestamptz) where id = ?3",
                    names[i] + mark + ".example.com", created.get(ids.get(i)), ids.get(i));
        }
        api.sql("update guest set status = 'STOPPED' where id in (?1, ?2)", ids.get(3), ids.get(4));
        List<UUID> ordered = new ArrayList<>(ids);
        // Newest first; the same instant by id in PostgreSQL's order of uuids (unsigned bytes: their text's order).
        ordered.sort(Comparator.comparing((UUID id) -> java.time.Instant.parse(created.get(id))).reversed()
                .thenComparing(UUID::toString));
        return new Made(mark, made, ordered, ids.get(0), ids.get(1));
    }

    private static List<UUID> portal(String search, String more) {
        return ids(given().queryParam("q", search).get("/servers?size=200" + more).then().statusCode(200)
                .extract().asString());
    }

    private static List<UUID> admin(String search, String more) {
        return ids(given().queryParam("q", search).get("/admin/servers?x=" + more).then().statusCode(200)
                .extract().asString());
    }

    private static List<UUID> api(String search, String more) {
        return JsonPath.from(given().queryParam("hostname", search).get("/api/v1/servers?limit=100" + more).then()
                .statusCode(200).extract().asString()).getList("items.id", String.class).stream()
                .map(UUID::fromString).toList();
    }

    private static List<UUID> ids(String html) {
        List<UUID> ids = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            ids.add(UUID.fromString(row.group(1)));
        }
        return ids;
    }
}
