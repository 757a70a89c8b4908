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

import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.tenancy.Tenants;
import io.innkeeper.testing.Mailbox;

/** An admin makes a customer or reseller with its quota and invites its owner; bad input stores nothing. */
@QuarkusTest
@TestSecurity(user = "create-admin", roles = "admin")
class AdminTenantCreateTest {

    @Inject
    Tenants tenants;

    @Test
    void anAdminCreatesAResellerAndResendsAndRevokesTheOwnersInvitation() {
        given().get("/admin/tenants").then().statusCode(200).body(containsString("/admin/tenants/new"));
        given().get("/admin/tenants/new").then().statusCode(200).body(containsString("name=\"ownerEmail\""));
        String name = "Created Reseller " + UUID.randomUUID().toString().substring(0, 6);
        String owner = Mailbox.freshAddress("created");

        create(name, "x".repeat(3), "EURO", "Nowhere/City", "ZZ", "owner-at-nowhere", "1").then().statusCode(422)
                .body(containsString("id=\"timeZone-error\""), containsString("id=\"country-error\""),
                        containsString("id=\"ownerEmail-error\""), containsString("id=\"currency-error\""));
        create("n".repeat(10_000), "RESELLER", "EUR", "UTC", "DE", owner, "1").then().statusCode(422)
                .body(containsString("id=\"name-error\""));
        create(name, "RESELLER", "EUR", "UTC", "DE", owner, "-5").then().statusCode(422)
                .body(containsString("id=\"servers-error\""));
        assertThat(tenants.search(name, 5)).isEmpty();
        assertThat(Mailbox.messages(owner)).isEmpty();

        String location = create(name, "RESELLER", "EUR", "Europe/Berlin", "DE", owner, "10").then().statusCode(303)
                .extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(Mailbox.await(owner, "Invitation to " + name).text()).contains("an owner");
        String page = given().get("/admin/tenants/" + id).then().statusCode(200).body(containsString(owner),
                containsString("Europe/Berlin"), containsString("DE")).extract().asString();
        assertThat(tenants.detail(id).quota().servers()).isEqualTo(10);
        int at = page.indexOf("/invitations/") + "/invitations/".length();
        String invitation = page.substring(at, at + 36);

        AdminCsrf.form().post("/admin/tenants/" + id + "/invitations/" + invitation + "/resend").then()
                .statusCode(303);
        Mailbox.await(owner, m -> Mailbox.messages(owner).size() >= 2);
        AdminCsrf.form().post("/admin/tenants/" + id + "/invitations/" + invitation + "/revoke").then()
                .statusCode(303);
        given().get("/admin/tenants/" + id).then().statusCode(200).body(not(containsString(owner)));
        AdminCsrf.form().post("/admin/tenants/" + id + "/invitations/" + UUID.randomUUID() + "/revoke").then()
                .statusCode(404);
    }

    private static io.restassured.response.Response create(String name, String kind, String currency, String zone,
            String country, String email, String servers) {
        return AdminCsrf.form().formParam("kind", kind).formParam("name", name).formParam("currency", currency)
                .formParam("timeZone", zone).formParam("country", country).formParam("ownerEmail", email)
                .formParam("servers", servers).formParam("vcpus", "20").formParam("memory", "40960")
                .formParam("disk", "500").formParam("ipv4", "10").formParam("snapshots", "10")
                .post("/admin/tenants");
    }
}
