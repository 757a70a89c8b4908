package io.innkeeper.portal.admin.tenants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.SignUp;
import io.innkeeper.testing.Fixtures;

/** An admin approves an account that signed itself up, lifting the new-account limit; once is enough. */
@QuarkusTest
@TestSecurity(user = "approving-admin", roles = "admin")
class AdminApprovalTest {

    @Inject
    SignUp signUp;

    @Inject
    QuotaService quotas;

    @Inject
    Fixtures fixtures;

    @Test
    void adminApprovesASignedUpAccountOnItsPage() {
        String login = "approve-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.innkeeper.test";
        UUID tenant = signUp.create(new Actor(login, null, null, null), login, login, "Needs Approval", "FR", "EUR",
                "Europe/Paris").tenantId();
        given().get("/admin/tenants/" + tenant).then().statusCode(200)
                .body(containsString("awaiting an admin"), containsString("Approve account"));
        assertThat(servers(tenant)).isEqualTo(1);

        AdminCsrf.form().post("/admin/tenants/" + tenant + "/approve").then().statusCode(303);
        assertThat(signUp.awaitingApproval(tenant)).isFalse();
        assertThat(servers(tenant)).as("the default quota in full").isGreaterThan(1);
        given().get("/admin/tenants/" + tenant).then().statusCode(200)
                .body(not(containsString("Approve account")), containsString("approved"));

        AdminCsrf.form().post("/admin/tenants/" + tenant + "/approve").then().statusCode(422)
                .body(containsString("needs no approval"));
    }

    /** The servers the tenant may hold now, read afresh (not from this test's persistence context). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    int servers(UUID tenant) {
        return quotas.limits(tenant).servers();
    }

    @Test
    void anAccountMadeByAnAdminNeedsNoApproval() {
        UUID tenant = fixtures.customer("approval-none-" + UUID.randomUUID().toString().substring(0, 8));
        given().get("/admin/tenants/" + tenant).then().statusCode(200).body(not(containsString("Approve account")));
        AdminCsrf.form().post("/admin/tenants/" + tenant + "/approve").then().statusCode(422);
        given().get("/admin/tenants/" + UUID.randomUUID()).then().statusCode(404);
        AdminCsrf.form().post("/admin/tenants/" + UUID.randomUUID() + "/approve").then().statusCode(404);
    }
}
