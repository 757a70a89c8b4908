package io.innkeeper.portal.admin.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.billing.testing.BillingData;

@QuarkusTest
class BillingAdminTest {

    @Inject
    BillingData data;

    static RequestSpecification form() {
        String token = given().get("/admin/billing").then().statusCode(200).extract().cookie("csrf-token");
        return given().cookie("csrf-token", token).formParam("csrf-token", token).redirects().follow(false);
    }

    @Test
    @TestSecurity(user = "billing-admin", roles = "admin")
    void runsInvoicesAndShowsTheResults() {
        UUID tenant = data.tenant("adminrun", "Asia/Tokyo", null);
        data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z"));
        String name = data.string("select name from tenant where id = ?1", tenant);
        form().formParam("month", "2026-03").post("/admin/billing/run").then().statusCode(200)
                .body(containsString(name), containsString("issued"), containsString("EUR 0.24"));
        form().formParam("month", "2026-03").post("/admin/billing/run").then().statusCode(200)
                .body(containsString("existing"));
        assertThat(data.sum("select count(*) from invoice where tenant_id = ?1", tenant)).isEqualTo(1);
        given().get("/admin/billing").then().statusCode(200).body(containsString("Recent runs"),
                containsString("billing-admin"));
    }

    @Test
    @TestSecurity(user = "billing-admin", roles = "admin")
    void rejectsAMalformedMonthInline() {
        form().formParam("month", "2026-13").post("/admin/billing/run").then().statusCode(422)
                .body(containsString("Enter a month as YYYY-MM"));
    }

    @Test
    @TestSecurity(user = "billing-admin", roles = "admin")
    void recordsPaymentsAndCredits() {
        UUID tenant = data.tenant("adminpay", "UTC", null);
        form().formParam("tenant", tenant.toString()).formParam("kind", "CREDIT").formParam("amount", "12.50")
                .formParam("note", "welcome").post("/admin/billing/ledger").then().statusCode(303);
        assertThat(data.sum("select count(*) from ledger_entry where tenant_id = ?1 and kind = 'CREDIT'", tenant))
                .isEqualTo(1);
        given().get("/admin/billing").then().body(containsString("EUR -12.50"));
        form().formParam("tenant", tenant.toString()).formParam("kind", "PAYMENT").formParam("amount", "lots")
                .post("/admin/billing/ledger").then().statusCode(422)
                .body(containsString("Enter an amount such as 25.00."));
        form().formParam("tenant", "nobody").formParam("kind", "PAYMENT").formParam("amount", "1")
                .post("/admin/billing/ledger").then().statusCode(422).body(containsString("Choose an account."));
        assertThat(data.sum("select count(*) from ledger_entry where tenant_id = ?1", tenant)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "billing-customer", roles = "customer")
    void customerIsRefused() {
        given().get("/admin/billing").then().statusCode(403);
    }
}
