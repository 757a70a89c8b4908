package io.innkeeper.portal.admin.tenants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "tenants-admin", roles = "admin")
class AdminTenantsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    io.innkeeper.billing.ledger.Ledger ledger;

    Fixtures.Catalog catalog;
    String login;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        login = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = fixtures.customer(login);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
    }

    @Test
    void searchFindsByNameAndHtmxGetsRows() {
        given().get("/admin/tenants?q=" + login.toUpperCase()).then().statusCode(200)
                .body(containsString("Tenant of " + login), containsString("<label for=\"q\">Name or id</label>"));
        given().header("HX-Request", "true").get("/admin/tenants?q=" + login).then().statusCode(200)
                .body(containsString("id=\"tenant-rows\""), containsString("Tenant of " + login),
                        not(containsString("<html")));
        given().get("/admin/tenants?q=no-such-tenant-anywhere").then().body(containsString("No tenant matches"));
    }

    @Test
    void tenantPageShowsMembersQuotaAndServers() {
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("tpage"));
        given().get("/admin/tenants/" + tenant).then().statusCode(200)
                .body(containsString(login), containsString("owner"), containsString("value=\"5\""),
                        containsString("1 live server."), containsString("In use: 1 servers"),
                        containsString("/admin/audit?tenant=" + tenant));
        assertThat(server).isNotNull();
    }

    @Test
    void tenantPageShowsItsLedgerAndBalance() {
        given().get("/admin/tenants/" + tenant).then().statusCode(200)
                .body(containsString("Invoices and ledger"), containsString("No invoices yet."));
        String reference = "bank-" + UUID.randomUUID().toString().substring(0, 8);
        ledger.record(tenant, io.innkeeper.billing.ledger.EntryKind.CREDIT, "12.50", reference, "goodwill",
                "ledger-admin");
        given().get("/admin/tenants/" + tenant).then().statusCode(200)
                .body(containsString(reference), containsString("goodwill"), containsString("ledger-admin"),
                        containsString("id=\"balance\">EUR -12.50"));
    }

    @Test
    void setsQuotaAndExplainsBadValues() {
        quotaForm().formParam("servers", "9").post("/admin/tenants/" + tenant + "/quota").then().statusCode(303);
        assertThat(quotas.limits(tenant).servers()).isEqualTo(9);
        quotaForm().formParam("servers", "lots").formParam("running_vcpus", "-1")
                .post("/admin/tenants/" + tenant + "/quota").then().statusCode(422)
                .body(containsString("id=\"servers-error\""), containsString("id=\"running_vcpus-error\""));
        assertThat(quotas.limits(tenant).servers()).isEqualTo(9);
    }

    @Test
    void suspendsWithReasonAndLiftsIt() {
        AdminCsrf.form().formParam("reason", "").post("/admin/tenants/" + tenant + "/suspend").then()
                .statusCode(422).body(containsString("id=\"reason-error\""));
        AdminCsrf.form().formParam("reason", "Abuse report 4711").post("/admin/tenants/" + tenant + "/suspend")
                .then().statusCode(303);
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        given().get("/admin/tenants/" + tenant).then().body(containsString("Abuse report 4711"),
                containsString("Lift suspension"));
        AdminCsrf.form().post("/admin/tenants/" + tenant + "/unsuspend").then().statusCode(422)
                .body(containsString("id=\"liftReason-error\""));
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        AdminCsrf.form().formParam("liftReason", "Report was mistaken").post("/admin/tenants/" + tenant + "/unsuspend")
                .then().statusCode(303);
        assertThat(status(tenant)).isEqualTo(TenantStatus.ACTIVE);
        assertThat(io.innkeeper.audit.AuditEvent.count("action = ?1 and tenantId = ?2 and detail = ?3",
                "tenant.unsuspend", tenant, "ADMIN: Report was mistaken")).isEqualTo(1);
    }

    @Test
    void closesAccountAndDeletesItsServers() {
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("close"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        AdminCsrf.form().formParam("closeReason", "").post("/admin/tenants/" + tenant + "/close").then()
                .statusCode(422).body(containsString("id=\"closeReason-error\""));
        AdminCsrf.form().formParam("closeReason", "Customer asked to leave")
                .post("/admin/tenants/" + tenant + "/close").then().statusCode(303);
        assertThat(status(tenant)).isEqualTo(TenantStatus.CLOSED);
        await().atMost(SETTLE).until(() -> servers.deleted(server));
    }

    @Test
    void resellerWithOpenCustomersCannotBeClosed() {
        UUID reseller = fixtures.tenantOf("reseller-" + UUID.randomUUID(), TenantKind.RESELLER, null);
        fixtures.tenantOf("child-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);
        AdminCsrf.form().formParam("closeReason", "Going away").post("/admin/tenants/" + reseller + "/close")
                .then().statusCode(422).body(containsString("still has 1 open customer account"));
        assertThat(status(reseller)).isEqualTo(TenantStatus.ACTIVE);
    }

    private io.restassured.specification.RequestSpecification quotaForm() {
        return AdminCsrf.form().formParam("vcpus", "5").formParam("memory", "10000").formParam("disk", "100")
                .formParam("ipv4", "5").formParam("snapshots", "5");
    }

    @Transactional
    TenantStatus status(UUID id) {
        return Tenant.<Tenant>findById(id).status;
    }
}
