package io.innkeeper.portal.admin.servers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "servers-admin", roles = "admin")
class AdminServersTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    ServerList list;

    Fixtures.Catalog catalog;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer("servers-owner-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(20, 20, 100_000, 1000, 20, 20, null, null, null));
    }

    @Test
    void filtersByTenantStateNodeAndPlan() {
        UUID a = running("filter-a");
        UUID b = running("filter-b");
        String hostA = hostname(a);
        String query = "/admin/servers?tenant=" + tenant + "&state=RUNNING&node=" + catalog.node() + "&plan=t-1";
        given().get(query).then().statusCode(200)
                .body(containsString(hostA), containsString(hostname(b)), containsString("2 servers match."),
                        containsString("<label for=\"tenant\">Tenant</label>"));
        given().get("/admin/servers?tenant=" + tenant + "&state=STOPPED").then().statusCode(200)
                .body(not(containsString(hostA)), containsString("No server matches."));
    }

    @Test
    void theFormShowsTheFilterItWasGiven() {
        String page = given().get("/admin/servers?tenant=" + tenant + "&state=RUNNING&node=" + catalog.node()
                + "&plan=t-1").then().statusCode(200).extract().asString();
        assertThat(page).contains("<option value=\"" + tenant + "\" selected>",
                "<option value=\"RUNNING\" selected>", "<option value=\"" + catalog.node() + "\" selected>",
                "<option value=\"t-1\" selected>");
        // One choice selected in each of the four lists, none in the search box.
        assertThat(page.split(" selected>", -1)).hasSize(5);
        assertThat(given().get("/admin/servers").then().statusCode(200).extract().asString())
                .doesNotContain(" selected>");
    }

    @Test
    void htmxGetsOnlyTheTable() {
        running("htmx");
        given().header("HX-Request", "true").get("/admin/servers?tenant=" + tenant).then().statusCode(200)
                .body(containsString("id=\"server-table\""), not(containsString("<html")),
                        containsString("1 server match."));
    }

    @Test
    void keysetPagesNeitherRepeatNorSkip() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(servers.order(tenant, catalog, Fixtures.hostname("page")));
        }
        ServerFilter filter = ServerFilter.parse(null, tenant.toString(), null, null, null, null);
        List<UUID> seen = new ArrayList<>();
        ServerList.Page page = list.page(filter, 2);
        assertThat(page.total()).isEqualTo(5);
        while (true) {
            page.rows().forEach(r -> seen.add(r.id()));
            if (page.next() == null) {
                break;
            }
            page = list.page(filter.after(page.next()), 2);
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
        String after = list.page(filter, 2).next().toString();
        given().get("/admin/servers?tenant=" + tenant + "&after=" + after).then().statusCode(200)
                .body(containsString("5 servers match."));
    }

    @Test
    void badFiltersAreExplainedInline() {
        given().get("/admin/servers?tenant=nobody&state=ASLEEP&after=garbage").then().statusCode(422)
                .body(containsString("id=\"tenant-error\""), containsString("id=\"state-error\""),
                        containsString("This page link is damaged"));
    }

    @Test
    void forcesPowerOffAndStart() {
        UUID id = running("force");
        AdminCsrf.form().formParam("back", "tenant=" + tenant).post("/admin/servers/" + id + "/power-off").then()
                .statusCode(303).header("Location", containsString("/admin/servers?tenant=" + tenant));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.STOPPED);
        AdminCsrf.form().post("/admin/servers/" + id + "/start").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "server.force.power_off", id.toString()))
                .isEqualTo(1);
    }

    @Test
    void forcingFromTheWrongStateIsExplained() {
        UUID id = running("wrong-state");
        AdminCsrf.form().post("/admin/servers/" + id + "/start").then().statusCode(409)
                .body(containsString("Only a stopped server can be started; this one is running."));
    }

    private UUID running(String prefix) {
        UUID id = servers.order(tenant, catalog, Fixtures.hostname(prefix));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        return id;
    }

    @jakarta.transaction.Transactional
    String hostname(UUID id) {
        return io.innkeeper.orders.Server.<io.innkeeper.orders.Server>findById(id).hostname;
    }
}
